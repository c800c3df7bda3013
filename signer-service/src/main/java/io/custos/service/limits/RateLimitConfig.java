package io.custos.service.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** How fast one identity may submit requests and give verdicts. */
@ConfigMapping(prefix = "custos.rate-limit")
public interface RateLimitConfig {

  /**
   * Submissions and verdicts one subject may make per minute, also the burst it may make at once.
   * The default stops a runaway client without touching a bench's thousand transfers.
   */
  @WithDefault("6000")
  @Positive
  int requestsPerMinute();
}
