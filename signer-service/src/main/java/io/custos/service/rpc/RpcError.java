package io.custos.service.rpc;

import java.util.Map;

/**
 * A JSON-RPC error: the call is answered with {@code error: {code, message, data}} and nothing was
 * signed. The codes are stable; {@code docs/json-rpc.md} lists them.
 */
final class RpcError extends RuntimeException {

  /** The body is not JSON. */
  static final int PARSE_ERROR = -32700;

  /** Not a JSON-RPC 2.0 call object. */
  static final int INVALID_REQUEST = -32600;

  /** A method Custos does not serve (it is never passed to the node). */
  static final int METHOD_NOT_SUPPORTED = -32601;

  /** Parameters that do not fit the method, or a request the service refuses as malformed. */
  static final int INVALID_PARAMS = -32602;

  /** Something failed inside Custos or the node gave no answer. */
  static final int INTERNAL = -32603;

  /** The policy denied the transaction (or it was rejected, expired or withdrawn). */
  static final int REJECTED = -32003;

  /** Too many calls that write from this identity; try again after {@code data.retryAfter}. */
  static final int LIMIT_EXCEEDED = -32005;

  /** Accepted as a request that waits for approvals or a timelock: call again for the hash. */
  static final int PENDING_APPROVAL = -32010;

  /** The {@code nonce} given is not the one Custos would sign with. */
  static final int NONCE_MISMATCH = -32011;

  /** Allowed, but not broadcast yet: call again for the hash. */
  static final int NOT_SENT_YET = -32012;

  /** The caller's roles do not allow this method (EIP-1193's "unauthorized"). */
  static final int UNAUTHORIZED = 4100;

  private final int code;
  private final transient Object data;

  RpcError(int code, String message) {
    this(code, message, null);
  }

  RpcError(int code, String message, Object data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  int code() {
    return code;
  }

  /** The {@code error} member of the response. */
  Map<String, Object> body() {
    return data == null
        ? Map.of("code", code, "message", getMessage())
        : Map.of("code", code, "message", getMessage(), "data", data);
  }
}
