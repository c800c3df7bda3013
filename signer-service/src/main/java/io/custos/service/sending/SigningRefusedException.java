package io.custos.service.sending;

/**
 * A request was no longer allowed when its transaction was about to be signed: nothing was signed,
 * and the request's new state (denied, pending approval, expired...) was recorded with its reason.
 */
public class SigningRefusedException extends RuntimeException {
  public SigningRefusedException(String message) {
    super(message);
  }
}
