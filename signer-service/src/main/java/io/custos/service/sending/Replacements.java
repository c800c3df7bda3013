package io.custos.service.sending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a speed-up or cancel of a request would replace. Callers own the transaction. */
@ApplicationScoped
public class Replacements {

  private final EntityManager em;

  Replacements(EntityManager em) {
    this.em = em;
  }

  /**
   * The nonce of the request's transaction while it can still be replaced: empty before the request
   * is signed and once any transaction of that nonce is mined.
   */
  public Optional<OpenNonce> open(UUID requestId) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT s.nonce, s.max_fee_per_gas, s.max_priority_fee_per_gas, s.state"
                    + " FROM eth_transaction o JOIN eth_transaction s ON s.chain_id = o.chain_id"
                    + " AND s.from_address = o.from_address AND s.nonce = o.nonce"
                    + " WHERE o.request_id = ?1 AND o.attempt = 0")
            .setParameter(1, requestId)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long nonce = 0;
    BigInteger maxFee = BigInteger.ZERO;
    BigInteger tip = BigInteger.ZERO;
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      if (TxState.valueOf((String) r[3]).tookTheNonce()) {
        return Optional.empty();
      }
      nonce = ((Number) r[0]).longValue();
      maxFee = maxFee.max(((BigDecimal) r[1]).toBigIntegerExact());
      tip = tip.max(((BigDecimal) r[2]).toBigIntegerExact());
    }
    return Optional.of(new OpenNonce(nonce, maxFee, tip));
  }
}
