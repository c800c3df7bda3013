package io.custos.service.request;

import io.custos.service.sending.Sender;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends approved requests whose release time has come, re-decides timelocked ones whose timelock
 * ended, and expires those that waited too long for approvals. Approved requests are normally sent
 * at once by {@link ImmediateRelease}; this is the safety net for those it did not send (a crash, a
 * full queue, a node outage, another instance). Safe to run on several instances and after a crash:
 * {@link Sender} makes one transaction per request id whatever happens.
 */
@ApplicationScoped
class ReleaseWorker {

  private static final Logger LOG = Logger.getLogger(ReleaseWorker.class);
  private static final int BATCH = 50;

  private final RequestService requests;
  private final Dispatch dispatch;
  private final RequestsConfig config;

  ReleaseWorker(RequestService requests, Dispatch dispatch, RequestsConfig config) {
    this.requests = requests;
    this.dispatch = dispatch;
    this.config = config;
  }

  @Scheduled(
      every = "${custos.requests.release-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (UUID id : requests.expire(config.approvalTimeout())) {
        LOG.infof("request %s expired waiting for approvals", id);
      }
      for (UUID id : requests.timelockEnded(BATCH)) {
        LOG.infof("request %s left its timelock: %s", id, requests.releaseTimelocked(id));
      }
      for (UUID id : requests.due(BATCH)) {
        dispatch.send(id);
      }
    } catch (RuntimeException e) {
      LOG.warnf("releasing requests paused: %s", e.getMessage());
    }
  }
}
