package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnvilExtension.class)
class AnvilSmokeTest {

  @Test
  void answersEthChainId(AnvilNode node) {
    String chainId = Anvil.rpc(node.rpcUrl(), "eth_chainId").asText();
    assertThat(new BigInteger(chainId.substring(2), 16))
        .isEqualTo(BigInteger.valueOf(node.chainId()));
  }

  @Test
  void fundsItsDevAccounts(AnvilNode node) {
    String balance =
        Anvil.rpc(node.rpcUrl(), "eth_getBalance", node.accounts().get(0).address(), "latest")
            .asText();
    assertThat(new BigInteger(balance.substring(2), 16))
        .isEqualTo(new BigInteger("10000").multiply(BigInteger.TEN.pow(18)));
    assertThat(node.accounts()).hasSize(10);
  }
}
