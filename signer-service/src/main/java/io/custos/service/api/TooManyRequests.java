package io.custos.service.api;

import java.time.Duration;

/** A caller went over a limit; the answer tells them when to try again ({@code Retry-After}). */
public class TooManyRequests extends ApiException {

  private final Duration retryAfter;

  public TooManyRequests(String detail, Duration retryAfter) {
    super(ProblemType.RATE_LIMITED, detail);
    this.retryAfter = retryAfter;
  }

  /** Whole seconds, rounded up, as the {@code Retry-After} header carries them. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
