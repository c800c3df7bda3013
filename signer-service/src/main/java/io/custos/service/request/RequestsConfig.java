package io.custos.service.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How requests are released and how long they may wait for approvals. */
@ConfigMapping(prefix = "custos.requests")
public interface RequestsConfig {

  /** How often the release worker looks for approved requests that are due. */
  @WithDefault("1s")
  Duration releaseEvery();

  /** A request still pending approval this long after submission expires. */
  @WithDefault("72h")
  Duration approvalTimeout();
}
