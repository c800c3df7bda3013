package io.custos.service.request;

import io.custos.policy.value.Address;
import io.custos.service.sending.Outgoing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Approved requests on their way to sending: which are due, and what to send for each. */
@ApplicationScoped
class OutgoingRequests {

  private final RequestRepository repository;
  private final RequestScans scans;
  private final RequestClock clock;
  private final RequestAudit audit;
  private final RequestsConfig config;

  OutgoingRequests(
      RequestRepository repository,
      RequestScans scans,
      RequestClock clock,
      RequestAudit audit,
      RequestsConfig config) {
    this.repository = repository;
    this.scans = scans;
    this.clock = clock;
    this.audit = audit;
    this.config = config;
  }

  /**
   * An attempt to sign and send failed: the request shows why and waits longer before the next
   * (exponentially, up to {@code custos.requests.retry-max}), until it is sent or expires.
   */
  @Transactional
  void failed(UUID id, String reason) {
    scans.failedAttempt(
        id,
        reason.length() > 1024 ? reason.substring(0, 1024) : reason,
        clock.now(),
        config.retryFirst(),
        config.retryMax());
  }

  /** Approved requests not yet signed whose release time was {@code ago} or earlier. */
  @Transactional
  List<UUID> due(Duration ago, int max) {
    Instant now = clock.now();
    return scans.due(now.minus(ago), now, max);
  }

  /** What to send for an approved request. */
  @Transactional
  Outgoing outgoing(UUID id) {
    RequestEntity r = repository.find(id).orElseThrow(() -> RequestMapping.notFound(id));
    Address to = new Address(RequestMapping.txTo(r));
    return new Outgoing(
        r.id,
        r.walletId,
        to.checksummed(),
        r.valueWei,
        r.data,
        Outgoing.caps(r.maxFeePerGas, r.maxPriorityFeePerGas),
        r.replaces);
  }

  /**
   * A speed-up or cancel that came too late: a transaction of its nonce was mined first, so it is
   * never signed.
   */
  @Transactional
  void replacedBeforeSigning(UUID id) {
    if (scans.replacedBeforeSigning(id, clock.now())) {
      audit.replacedBeforeSigning(id);
    }
  }
}
