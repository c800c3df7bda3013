package io.custos.service.governance;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides TIMELOCKED governance requests again once their timelock has ended by the service clock,
 * at the release worker's cadence. The timelock lives in the database, so it survives restarts;
 * several instances may tick at once: {@link GovernanceService#releaseTimelocked} takes the
 * governance lock and the row's lock, and does nothing to a request no longer TIMELOCKED.
 */
@ApplicationScoped
class GovernanceReleaseWorker {

  private static final Logger LOG = Logger.getLogger(GovernanceReleaseWorker.class);
  private static final int BATCH = 50;

  private final GovernanceService governance;

  GovernanceReleaseWorker(GovernanceService governance) {
    this.governance = governance;
  }

  @Scheduled(
      every = "${custos.requests.release-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (UUID id : governance.timelockEnded(BATCH)) {
        LOG.infof(
            "governance request %s left its timelock: %s", id, governance.releaseTimelocked(id));
      }
    } catch (RuntimeException e) {
      LOG.warnf("releasing timelocked governance requests paused: %s", e.getMessage());
    }
  }
}
