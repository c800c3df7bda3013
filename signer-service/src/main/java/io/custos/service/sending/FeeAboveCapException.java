package io.custos.service.sending;

/**
 * The network asks more than the request's approved fee cap: the transaction waits for cheaper
 * blocks rather than paying more than was approved.
 */
public class FeeAboveCapException extends RuntimeException {
  public FeeAboveCapException(String message) {
    super(message);
  }
}
