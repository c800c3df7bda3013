package io.custos.service.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Expiry: a request whose approvals did not come in time is closed. */
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
}
