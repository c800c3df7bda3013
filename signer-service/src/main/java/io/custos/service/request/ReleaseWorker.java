package io.custos.service.request;

import io.custos.service.sending.NonceSettledException;
import io.custos.service.sending.Sender;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends approved requests whose release time has come, re-decides timelocked ones whose timelock
 * ended, and expires those that waited too long for approvals. Safe to run on several instances and
 * after a crash: {@link Sender} makes one transaction per request id whatever happens.
 */
@ApplicationScoped
class ReleaseWorker {

  private static final Logger LOG = Logger.getLogger(ReleaseWorker.class);
  private static final int BATCH = 50;

  private final RequestService requests;
  private final Sender sender;
  private final RequestsConfig config;

  ReleaseWorker(RequestService requests, Sender sender, RequestsConfig config) {
    this.requests = requests;
    this.sender = sender;
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
        send(id);
      }
    } catch (RuntimeException e) {
      LOG.warnf("releasing requests paused: %s", e.getMessage());
    }
  }

  /** One request; a failure leaves it APPROVED, to be tried again next tick. */
  private void send(UUID id) {
    try {
      var tx = sender.send(requests.outgoing(id));
      LOG.infof("request %s sent as %s (nonce %d)", id, tx.hash(), tx.nonce());
    } catch (NonceSettledException e) {
      requests.replacedBeforeSigning(id);
      LOG.infof("replacement %s not sent: %s", id, e.getMessage());
    } catch (Exception e) {
      LOG.warnf("request %s not sent yet: %s", id, e.getMessage());
    }
  }
}
