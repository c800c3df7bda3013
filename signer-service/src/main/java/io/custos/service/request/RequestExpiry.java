package io.custos.service.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Expiry: a request whose approvals did not come in time is closed, and so is an approved request
 * that could not be sent for too long.
 */
@ApplicationScoped
public class RequestExpiry {

  private final RequestScans scans;
  private final RequestClock clock;
  private final RequestAudit audit;

  RequestExpiry(RequestScans scans, RequestClock clock, RequestAudit audit) {
    this.scans = scans;
    this.clock = clock;
    this.audit = audit;
  }

  /** Expires requests that waited longer than {@code timeout} for approvals; returns them. */
  @Transactional
  public List<UUID> expire(Duration timeout) {
    Instant now = clock.now();
    List<UUID> expired = scans.expire(now.minus(timeout), now);
    expired.forEach(audit::expired);
    return expired;
  }

  /** Expires approved requests due longer than {@code maxAge} ago and not signed; returns them. */
  @Transactional
  public List<UUID> expireApproved(Duration maxAge) {
    return expireApproved(maxAge, null);
  }

  /** {@link #expireApproved(Duration)} for one request ({@code only}), or for all when null. */
  List<UUID> expireApproved(Duration maxAge, UUID only) {
    Instant now = clock.now();
    List<UUID> expired = scans.expireApproved(now.minus(maxAge), now, only);
    expired.forEach(id -> audit.expired(id, "approved but not sent within " + maxAge));
    return expired;
  }
}
