package io.custos.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives transfers through the API: a closed loop (a fixed number in flight, as fast as the service
 * answers) or an open loop (a fixed arrival rate, whatever the answers do), then collects the
 * server's signed and broadcast times of every request.
 */
final class Load {

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

  /** A submission that the service accepted. */
  private record Accepted(UUID id, Instant submitted, Instant answered) {}

  /**
   * The result of a pass.
   *
   * @param samples every accepted transfer, with its server times
   * @param failures submissions the service refused or that failed
   * @param firstFailure the first failure's message, or null
   */
  record Pass(List<Sample> samples, int failures, String firstFailure) {

    /** Transfers broadcast per second, from the first submission to the last broadcast. */
    double throughput() {
      Instant first = samples.stream().map(Sample::submitted).min(Instant::compareTo).orElseThrow();
      Instant last =
          samples.stream().map(Sample::broadcastAt).max(Instant::compareTo).orElseThrow();
      return samples.size() / (Duration.between(first, last).toNanos() / 1e9);
    }

    /** From the first submission to the last broadcast. */
    Duration span() {
      return Duration.ofNanos((long) (samples.size() / throughput() * 1e9));
    }
  }

  private final CustosApi api;
  private final List<String> wallets;
  private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failures = new AtomicInteger();
  private volatile String firstFailure;

  private Load(CustosApi api, List<String> wallets) {
    this.api = api;
    this.wallets = wallets;
  }

  /** {@code requests} transfers, {@code concurrency} in flight at any time. */
  static Pass closedLoop(CustosApi api, List<String> wallets, int requests, int concurrency)
      throws Exception {
    Load load = new Load(api, wallets);
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      for (int t = 0; t < concurrency; t++) {
        pool.execute(
            () -> {
              for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                load.submit(n, Instant.now());
              }
            });
      }
    }
    return load.collect(concurrency);
  }

  /**
   * {@code requests} transfers arriving at {@code perSecond}, each on its own virtual thread, so a
   * slow answer does not delay the next arrival. Latency counts from the due time.
   */
  static Pass openLoop(CustosApi api, List<String> wallets, int requests, double perSecond)
      throws Exception {
    Load load = new Load(api, wallets);
    long period = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    Instant startWall = Instant.now();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < requests; n++) {
        long due = start + n * period;
        LockSupport.parkNanos(due - System.nanoTime());
        int index = n;
        Instant dueWall = startWall.plusNanos(due - start);
        threads.execute(() -> load.submit(index, dueWall));
      }
    }
    return load.collect(16);
  }

  private void submit(int n, Instant submitted) {
    try {
      UUID id = api.submitTransfer(wallets.get(n % wallets.size()));
      accepted.add(new Accepted(id, submitted, Instant.now()));
    } catch (Exception e) {
      if (failures.getAndIncrement() == 0) {
        firstFailure = e.getMessage();
      }
    }
  }

  /** Reads every accepted request until it is broadcast; the reads come after the timings. */
  private Pass collect(int readers) throws Exception {
    Map<UUID, Sample> done = new ConcurrentHashMap<>();
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (done.size() < accepted.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            (accepted.size() - done.size()) + " requests not broadcast after " + SETTLE_TIMEOUT);
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
        for (Accepted a : List.copyOf(accepted)) {
          if (!done.containsKey(a.id())) {
            pool.execute(() -> read(a, done));
          }
        }
      }
      if (done.size() < accepted.size()) {
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
    if (done.isEmpty()) {
      throw new IllegalStateException(
          "the service accepted none of " + failures.get() + " transfers: " + firstFailure);
    }
    return new Pass(List.copyOf(done.values()), failures.get(), firstFailure);
  }

  private void read(Accepted a, Map<UUID, Sample> done) {
    try {
      JsonNode tx = api.transaction(a.id());
      if (tx.hasNonNull("broadcastAt")) {
        done.put(
            a.id(),
            new Sample(
                a.id(),
                a.submitted(),
                a.answered(),
                Instant.parse(tx.get("signedAt").asText()),
                Instant.parse(tx.get("broadcastAt").asText())));
      }
    } catch (Exception e) {
      // read again in the next sweep
    }
  }
}
