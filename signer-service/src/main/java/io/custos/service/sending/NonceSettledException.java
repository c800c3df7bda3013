package io.custos.service.sending;

/**
 * A replacement came too late: a transaction of the nonce it was to replace is already mined, so
 * nothing was signed.
 */
public class NonceSettledException extends RuntimeException {
  public NonceSettledException(String message) {
    super(message);
  }
}
