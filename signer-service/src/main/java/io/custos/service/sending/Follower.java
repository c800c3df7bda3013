package io.custos.service.sending;

import io.custos.service.chain.EthereumConfig;
import io.custos.service.chain.EthereumNode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Follows every open transaction to its end: sends again what is still SIGNED (after a crash or a
 * node outage), records receipts (MINED, or FAILED when reverted), confirms after the configured
 * number of blocks, and puts a transaction whose receipt disappeared (a reorg) back to BROADCAST.
 */
@ApplicationScoped
public class Follower {

  private static final Logger LOG = Logger.getLogger(Follower.class);

  private final EntityManager em;
  private final EthereumNode node;
  private final Broadcaster broadcaster;
  private final int confirmations;

  Follower(EntityManager em, EthereumNode node, Broadcaster broadcaster, EthereumConfig config) {
    this.em = em;
    this.node = node;
    this.broadcaster = broadcaster;
    this.confirmations = config.confirmations();
  }

  @Scheduled(
      every = "${custos.ethereum.follow-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      resendSigned();
      followOpen();
    } catch (IOException | RuntimeException e) {
      LOG.warnf("following transactions paused: %s", e.getMessage());
    }
  }

  private void resendSigned() {
    for (UUID id : ids("SELECT id FROM eth_transaction WHERE state = 'SIGNED' ORDER BY nonce")) {
      broadcaster.broadcast(id);
    }
  }

  void followOpen() throws IOException {
    BigInteger head = node.blockNumber();
    List<?> rows =
        em.createNativeQuery(
                "SELECT id, hash, state FROM eth_transaction WHERE state IN ('BROADCAST', 'MINED')")
            .getResultList();
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      String hash = Numeric.toHexString((byte[]) r[1]);
      var receipt = node.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      update((UUID) r[0], (String) r[2], receipt.orElse(null), head);
    }
  }

  @Transactional
  void update(UUID id, String state, TransactionReceipt receipt, BigInteger head) {
    if (receipt == null) {
      if (state.equals("MINED")) {
        // The block that held it is no longer canonical: it is pending again.
        em.createNativeQuery(
                "UPDATE eth_transaction SET state = 'BROADCAST', block_number = NULL,"
                    + " block_hash = NULL, receipt_status = NULL WHERE id = ?1")
            .setParameter(1, id)
            .executeUpdate();
      }
      return;
    }
    BigInteger block = receipt.getBlockNumber();
    boolean reverted = !receipt.isStatusOK();
    boolean deepEnough = head.subtract(block).compareTo(BigInteger.valueOf(confirmations)) >= 0;
    String next = reverted ? "FAILED" : deepEnough ? "CONFIRMED" : "MINED";
    setState(
        id,
        next,
        block.longValueExact(),
        Numeric.hexStringToByteArray(receipt.getBlockHash()),
        reverted ? 0 : 1);
  }

  private void setState(UUID id, String state, long block, byte[] blockHash, int status) {
    em.createNativeQuery(
            "UPDATE eth_transaction SET state = ?2, block_number = ?3, block_hash = ?4,"
                + " receipt_status = ?5 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, state)
        .setParameter(3, block)
        .setParameter(4, blockHash)
        .setParameter(5, status)
        .executeUpdate();
  }

  @SuppressWarnings("unchecked")
  private List<UUID> ids(String sql) {
    return (List<UUID>) em.createNativeQuery(sql).getResultList();
  }
}
