package io.custos.service.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** How many request event streams may be open: each holds a connection and a subscriber. */
@ConfigMapping(prefix = "custos.events")
public interface EventsConfig {

  /** Open streams on this instance, all subjects together. */
  @WithDefault("1000")
  @Positive
  int maxConnections();

  /** Open streams of one subject (a person's tabs and devices, a bot's workers). */
  @WithDefault("10")
  @Positive
  int maxConnectionsPerSubject();
}
