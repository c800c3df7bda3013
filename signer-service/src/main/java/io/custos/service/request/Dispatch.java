package io.custos.service.request;

import io.custos.service.sending.NonceSettledException;
import io.custos.service.sending.Sender;
import io.custos.service.sending.SigningRefusedException;
import io.custos.service.sending.TxRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends one approved request: for the immediate path right after approval, and for the release
 * worker's safety net. Both may meet the same request; {@link Sender} makes one transaction of it.
 */
@ApplicationScoped
class Dispatch {

  private static final Logger LOG = Logger.getLogger(Dispatch.class);

  private final OutgoingRequests requests;
  private final Sender sender;

  Dispatch(OutgoingRequests requests, Sender sender) {
    this.requests = requests;
    this.sender = sender;
  }

  /**
   * A failure leaves the request APPROVED with its reason; the release worker tries it again after
   * a back-off, until it expires.
   */
  @ActivateRequestContext
  void send(UUID id) {
    try {
      TxRecord tx = sender.send(requests.outgoing(id));
      LOG.debugf("request %s sent as %s (nonce %d)", id, tx.hash(), tx.nonce());
    } catch (SigningRefusedException e) {
      LOG.infof("request %s not signed: %s", id, e.getMessage());
    } catch (NonceSettledException e) {
      requests.replacedBeforeSigning(id);
      LOG.infof("replacement %s not sent: %s", id, e.getMessage());
    } catch (Exception e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      LOG.warnf("request %s not sent yet: %s", id, reason);
      try {
        requests.failed(id, reason);
      } catch (RuntimeException recording) {
        // The database is likely what failed: the request simply waits for the next tick.
        LOG.debugf("request %s: its failed attempt was not recorded: %s", id, recording);
      }
    }
  }
}
