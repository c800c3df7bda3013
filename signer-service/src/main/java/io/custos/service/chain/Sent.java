package io.custos.service.chain;

/**
 * What the node made of raw transaction bytes. A refusal is an answer, not a failure: the node may
 * already have the transaction ("already known", "nonce too low" — in its own words), which the
 * caller checks by hash.
 */
public sealed interface Sent {

  /** The node took the transaction; {@code hash} is the hash it reports. */
  record Accepted(String hash) implements Sent {}

  /** The node refused the bytes, with its JSON-RPC error. */
  record Refused(int code, String message) implements Sent {}
}
