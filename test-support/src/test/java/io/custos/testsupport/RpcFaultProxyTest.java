package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnvilExtension.class)
class RpcFaultProxyTest {

  @Test
  void passesCallsThroughToTheNode(AnvilNode node) {
    try (RpcFaultProxy proxy = RpcFaultProxy.start(node.rpcUrl())) {
      assertThat(Anvil.rpc(proxy.url(), "eth_chainId").asText())
          .isEqualTo(Anvil.rpc(node.rpcUrl(), "eth_chainId").asText());
      assertThat(proxy.droppedCalls()).isZero();
    }
  }

  @Test
  void resetsTheConnectionsOfADroppedMethodOnly(AnvilNode node) {
    try (RpcFaultProxy proxy = RpcFaultProxy.start(node.rpcUrl())) {
      proxy.drop("eth_blockNumber");
      assertThatThrownBy(() -> Anvil.rpc(proxy.url(), "eth_blockNumber"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("eth_blockNumber to " + proxy.url() + " failed");
      assertThat(Anvil.rpc(proxy.url(), "eth_chainId").asText()).startsWith("0x");
      proxy.restore("eth_blockNumber");
      assertThat(Anvil.rpc(proxy.url(), "eth_blockNumber").asText()).startsWith("0x");
      assertThat(proxy.droppedCalls()).isEqualTo(1);
    }
  }

  @Test
  void refusesEveryCallWhileDown(AnvilNode node) {
    try (RpcFaultProxy proxy = RpcFaultProxy.start(node.rpcUrl())) {
      proxy.down(true);
      assertThatThrownBy(() -> Anvil.rpc(proxy.url(), "eth_chainId"))
          .isInstanceOf(IllegalStateException.class);
      proxy.down(false);
      assertThat(Anvil.rpc(proxy.url(), "eth_chainId").asText()).startsWith("0x");
    }
  }

  @Test
  void passesALostAnswersCallOnButResetsTheConnection(AnvilNode node) {
    try (RpcFaultProxy proxy = RpcFaultProxy.start(node.rpcUrl())) {
      long before = Long.decode(Anvil.rpc(node.rpcUrl(), "eth_blockNumber").asText());
      proxy.loseAnswers("anvil_mine");
      assertThatThrownBy(() -> Anvil.rpc(proxy.url(), "anvil_mine", "0x2"))
          .isInstanceOf(IllegalStateException.class);
      assertThat(Long.decode(Anvil.rpc(node.rpcUrl(), "eth_blockNumber").asText()))
          .as("the node did mine")
          .isEqualTo(before + 2);
      proxy.restore("anvil_mine");
      Anvil.rpc(proxy.url(), "anvil_mine", "0x1");
      assertThat(Long.decode(Anvil.rpc(proxy.url(), "eth_blockNumber").asText()))
          .isEqualTo(before + 3);
    }
  }
}
