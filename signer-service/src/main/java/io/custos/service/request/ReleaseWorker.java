package io.custos.service.request;

import io.custos.service.sending.Sender;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends approved requests whose release time has come (those that failed, after their back-off),
 * re-decides timelocked ones whose timelock ended, and expires those that waited too long for
 * approvals or to be sent. Approved requests are normally sent at once by {@link ImmediateRelease};
 * this is the safety net for those it did not send (a crash, a full queue, a node outage, another
 * instance). Safe to run on several instances and after a crash: {@link Sender} makes one
 * transaction per request id whatever happens.
 */
@ApplicationScoped
class ReleaseWorker {

  private static final Logger LOG = Logger.getLogger(ReleaseWorker.class);
  private static final int BATCH = 50;

  /**
   * How long an approved request is left to {@link ImmediateRelease} (this instance's or another's)
   * before this worker sends it too: taking one that is being sent this moment only makes both wait
   * on its lock. What this instance's immediate path still holds is never taken.
   */
  private static final Duration IMMEDIATE_FIRST = Duration.ofSeconds(2);

  private final RequestExpiry expiry;
  private final TimelockRelease timelocks;
  private final OutgoingRequests outgoing;
  private final Dispatch dispatch;
  private final ImmediateRelease immediate;
  private final RequestsConfig config;

  ReleaseWorker(
      RequestExpiry expiry,
      TimelockRelease timelocks,
      OutgoingRequests outgoing,
      Dispatch dispatch,
      ImmediateRelease immediate,
      RequestsConfig config) {
    this.expiry = expiry;
    this.timelocks = timelocks;
    this.outgoing = outgoing;
    this.dispatch = dispatch;
    this.immediate = immediate;
    this.config = config;
  }

  @Scheduled(
      every = "${custos.requests.release-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (UUID id : expiry.expire(config.approvalTimeout())) {
        LOG.infof("request %s expired waiting for approvals", id);
      }
      for (UUID id : expiry.expireApproved(config.approvedMaxAge())) {
        LOG.infof(
            "request %s expired: approved but not sent within %s", id, config.approvedMaxAge());
      }
      for (UUID id : timelocks.ended(BATCH)) {
        LOG.infof("request %s left its timelock: %s", id, timelocks.release(id));
      }
      for (UUID id : outgoing.due(IMMEDIATE_FIRST, BATCH)) {
        if (!immediate.has(id)) {
          dispatch.send(id);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("releasing requests paused: %s", e.getMessage());
    }
  }
}
