package io.custos.policy.abi;

/** Calldata that does not strictly decode for the expected function. */
public final class AbiDecodingException extends RuntimeException {
  public AbiDecodingException(String message) {
    super(message);
  }
}
