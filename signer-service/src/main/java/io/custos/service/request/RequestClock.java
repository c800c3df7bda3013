package io.custos.service.request;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time every step of the request workflow reads. */
@ApplicationScoped
class RequestClock {

  private final Clock clock;

  RequestClock(Clock clock) {
    this.clock = clock;
  }

  /**
   * The service time at PostgreSQL's precision: a stored time is rounded to microseconds, and an
   * approval rounded up past the evaluation time would not count.
   */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
