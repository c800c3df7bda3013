package io.custos.devstack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One transfer as the bench saw it: the client's times and the server's.
 *
 * @param id the request
 * @param submitted when the submission was due (open loop) or sent (closed loop), client clock
 * @param answered when the HTTP answer arrived, client clock
 * @param signedAt when the service recorded the HSM signature, server clock
 * @param broadcastAt when the node accepted the transaction, server clock
 */
record Sample(UUID id, Instant submitted, Instant answered, Instant signedAt, Instant broadcastAt) {

  /** Client and server run on one machine, so their clocks agree to well below a millisecond. */
  double submitToSignedMs() {
    return millis(submitted, signedAt);
  }

  double submitToBroadcastMs() {
    return millis(submitted, broadcastAt);
  }

  double answerMs() {
    return millis(submitted, answered);
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
