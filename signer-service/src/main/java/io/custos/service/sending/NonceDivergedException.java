package io.custos.service.sending;

/**
 * The node counts more transactions from an account than Custos signed: someone else used the key,
 * or signed transactions were lost from the database. Custos signs nothing more for the account
 * until an operator has looked, rather than skip nonces it cannot account for.
 */
public class NonceDivergedException extends RuntimeException {

  public NonceDivergedException(String address, long cursor, long onNode) {
    super(
        "nonce of "
            + address
            + " diverged: Custos is at "
            + cursor
            + " but the node counts "
            + onNode
            + " transactions; signing for it is held until an operator resolves it");
  }
}
