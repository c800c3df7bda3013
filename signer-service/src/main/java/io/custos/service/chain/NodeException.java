package io.custos.service.chain;

import java.util.OptionalInt;

/**
 * A call to the Ethereum node failed: either no answer came (connection refused or reset, timeout,
 * an HTTP error in front of the node), or the node answered with a JSON-RPC error, whose code and
 * message are kept. The message names the method and never the node's URL, which may carry an API
 * key: it ends up in logs, health data and problem responses.
 */
public final class NodeException extends RuntimeException {

  private final String method;
  private final Integer code;

  private NodeException(String method, Integer code, String message) {
    super(method + ": " + message);
    this.method = method;
    this.code = code;
  }

  /**
   * No answer from the node. The cause is left out: I/O messages name the host and port (an unknown
   * host is its whole message), so only the kind of failure is kept.
   */
  static NodeException noAnswer(String method, Exception cause) {
    return new NodeException(
        method, null, "no answer from the node (" + cause.getClass().getSimpleName() + ")");
  }

  /** The node answered with a JSON-RPC error. */
  static NodeException refused(String method, int code, String message) {
    return new NodeException(method, code, message + " (code " + code + ")");
  }

  /** The JSON-RPC method that failed, e.g. {@code eth_sendRawTransaction}. */
  public String method() {
    return method;
  }

  /** Whether the node itself answered, with an error; false when no answer came. */
  public boolean answered() {
    return code != null;
  }

  /** The node's JSON-RPC error code, when it answered. */
  public OptionalInt code() {
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }
}
