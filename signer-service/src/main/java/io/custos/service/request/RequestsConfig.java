package io.custos.service.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** How requests are released and how long they may wait for approvals. */
@ConfigMapping(prefix = "custos.requests")
public interface RequestsConfig {

  /**
   * How often the release worker looks for approved requests that are due: the safety net for
   * requests the immediate path did not send (a crash, a full queue, another instance).
   */
  @WithDefault("1s")
  Duration releaseEvery();

  /** A request still pending approval this long after submission expires. */
  @WithDefault("72h")
  Duration approvalTimeout();

  /**
   * An approved request not signed this long after its release time expires instead: approvals and
   * the policy that allowed it are judged at signing time anyway, but a payment nobody has seen go
   * out for a day is better asked for again than sent by surprise.
   */
  @WithDefault("24h")
  Duration approvedMaxAge();

  /**
   * The wait before trying again to sign and send an approved request that could not be sent (fees
   * above its cap, node down, nonce held, a call that would revert); it doubles at each failure.
   */
  @WithDefault("2s")
  Duration retryFirst();

  /** The longest wait between two attempts to sign and send a request. */
  @WithDefault("60s")
  Duration retryMax();

  /** Threads that sign and broadcast approved requests right after their approval commits. */
  @WithDefault("8")
  @Positive
  int sendThreads();

  /** Approved requests waiting for those threads; beyond it they wait for the release worker. */
  @WithDefault("10000")
  @Positive
  int sendQueue();
}
