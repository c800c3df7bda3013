package io.custos.service.request;

import io.custos.service.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * The end of a timelock: the request is decided again, since approvals may have expired or limits
 * filled while it waited.
 */
@ApplicationScoped
class TimelockRelease {

  private final RequestScans scans;
  private final Redecision redecision;
  private final RequestClock clock;

  TimelockRelease(RequestScans scans, Redecision redecision, RequestClock clock) {
    this.scans = scans;
    this.redecision = redecision;
    this.clock = clock;
  }

  /** Timelocked requests whose timelock has ended. */
  @Transactional
  List<UUID> ended(int max) {
    return scans.timelockEnded(clock.now(), max);
  }

  /** Decides a timelocked request again; returns its new state (or the one it was in). */
  @Transactional
  RequestState release(UUID id) {
    Redecision.Locked locked = redecision.lock(id);
    if (locked.state() != RequestState.TIMELOCKED) {
      return locked.state();
    }
    return redecision.decide(locked, clock.now(), Audit.SYSTEM).state();
  }
}
