package io.custos.service.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.testsupport.AnvilExtension;
import io.custos.testsupport.AnvilNode;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node port against a real anvil, and against a port where nothing listens. */
@ExtendWith(AnvilExtension.class)
class EthereumNodeTest {

  private static final String NOBODY = "0x000000000000000000000000000000000000dEaD";
  private static final String UNKNOWN_TX =
      "0x1111111111111111111111111111111111111111111111111111111111111111";

  private AnvilNode anvil;
  private EthereumNode node;

  @BeforeEach
  void connect(AnvilNode anvil) {
    this.anvil = anvil;
    this.node = new EthereumNode(anvil.rpcUrl(), anvil.chainId(), Duration.ofSeconds(5));
  }

  @Test
  void readsTheChainAccountsAndBlocksInOurOwnTypes() {
    String funded = anvil.accounts().get(0).address();

    assertThat(node.chainId()).isEqualTo(anvil.chainId());
    assertThat(node.blockNumber()).isNotNegative();
    assertThat(node.blockHash(0)).hasValueSatisfying(h -> assertThat(h).startsWith("0x"));
    assertThat(node.blockHash(1_000_000)).as("a block not mined yet").isEmpty();
    assertThat(node.balance(funded)).isPositive();
    assertThat(node.pendingNonce(NOBODY)).isZero();
    assertThat(node.latestNonce(NOBODY)).isZero();
    assertThat(node.latestBaseFee()).isPositive();
    assertThat(node.maxPriorityFeePerGas()).isNotNegative();
    assertThat(node.blockReceipts(0)).isEmpty();
  }

  @Test
  void simulatesCallsAndTransfers() {
    String funded = anvil.accounts().get(0).address();

    assertThat(node.estimateGas(new Call(funded, NOBODY, BigInteger.ONE, new byte[0])))
        .isEqualTo(BigInteger.valueOf(21_000));
    assertThat(node.call(new Call(funded, NOBODY, BigInteger.ZERO, new byte[0]))).isEmpty();
  }

  @Test
  void knowsNothingOfATransactionItNeverSaw() {
    assertThat(node.knowsTransaction(UNKNOWN_TX)).isFalse();
    assertThat(node.receipt(UNKNOWN_TX)).isEmpty();
  }

  @Test
  void refusingRawBytesIsAnAnswerCarryingTheNodesError() {
    Sent sent = node.sendRaw(new byte[] {1, 2, 3});

    assertThat(sent).isInstanceOf(Sent.Refused.class);
    assertThat(((Sent.Refused) sent).message()).isNotBlank();
  }

  @Test
  void aJsonRpcErrorIsANodeExceptionWithTheNodesCode() {
    // Not a transaction hash: the node answers with an invalid-params error.
    assertThatThrownBy(() -> node.receipt("0x12"))
        .isInstanceOfSatisfying(
            NodeException.class,
            e -> {
              assertThat(e.answered()).isTrue();
              assertThat(e.code()).isPresent();
              assertThat(e.method()).isEqualTo("eth_getTransactionReceipt");
              assertThat(e.getMessage()).doesNotContain(anvil.rpcUrl().getAuthority());
            });
  }

  @Test
  void aNodeThatDoesNotAnswerIsANodeExceptionWithoutItsUrl() {
    URI nowhere = URI.create("http://127.0.0.1:9/rpc-key-s3cr3t");
    EthereumNode dead = new EthereumNode(nowhere, 31337, Duration.ofSeconds(2));

    assertThatThrownBy(dead::blockNumber)
        .isInstanceOfSatisfying(
            NodeException.class,
            e -> {
              assertThat(e.answered()).isFalse();
              assertThat(e.code()).isEmpty();
              assertThat(e.method()).isEqualTo("eth_blockNumber");
              assertThat(e.getMessage())
                  .contains("no answer")
                  .doesNotContain("127.0.0.1")
                  .doesNotContain(":9")
                  .doesNotContain("s3cr3t");
              assertThat(e.getCause()).isNull();
            });
    assertThatThrownBy(() -> dead.sendRaw(new byte[] {1})).isInstanceOf(NodeException.class);
  }
}
