package io.custos.service.request;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends an approved request as soon as the transaction that approved it commits, on a bounded pool
 * ({@code custos.requests.send-threads}, queue {@code custos.requests.send-queue}). When the queue
 * is full, or the service stops with work queued, the request stays APPROVED and the {@link
 * ReleaseWorker} sends it at its next tick: nothing depends on this path but latency.
 */
@ApplicationScoped
class ImmediateRelease {

  private static final Logger LOG = Logger.getLogger(ImmediateRelease.class);

  private final Dispatch dispatch;
  private final ThreadPoolExecutor pool;
  private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

  ImmediateRelease(Dispatch dispatch, RequestsConfig config) {
    this.dispatch = dispatch;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            config.sendThreads(),
            config.sendThreads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(config.sendQueue()),
            r ->
                Thread.ofPlatform()
                    .name("custos-send-" + n.incrementAndGet())
                    .daemon()
                    .unstarted(r));
  }

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReadyToSend ready) {
    UUID id = ready.requestId();
    queued.add(id);
    try {
      pool.execute(
          () -> {
            try {
              dispatch.send(id);
            } finally {
              queued.remove(id);
            }
          });
    } catch (RejectedExecutionException e) {
      queued.remove(id);
      LOG.debugf("send queue full: request %s waits for the release worker", id);
    }
  }

  /** Whether this instance has the request queued or is sending it now. */
  boolean has(UUID id) {
    return queued.contains(id);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}
