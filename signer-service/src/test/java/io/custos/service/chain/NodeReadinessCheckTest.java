package io.custos.service.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.testsupport.AnvilExtension;
import io.custos.testsupport.AnvilNode;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The readiness rule against a real node, without starting the application. */
@ExtendWith(AnvilExtension.class)
class NodeReadinessCheckTest {

  @Test
  void isNotReadyWhenTheNodeIsOnAnotherChain(AnvilNode anvil) {
    EthereumNode mainnetExpected = new EthereumNode(anvil.rpcUrl(), 1, Duration.ofSeconds(2));

    HealthCheckResponse r = new NodeReadinessCheck(mainnetExpected).call();

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(r.getData().orElseThrow()).containsEntry("chainId", 31337L);
  }

  @Test
  void isNotReadyWhenTheNodeDoesNotAnswer() {
    EthereumNode nowhere =
        new EthereumNode(URI.create("http://127.0.0.1:9"), 31337, Duration.ofSeconds(2));

    HealthCheckResponse r = new NodeReadinessCheck(nowhere).call();

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(r.getData().orElseThrow()).containsKey("error");
  }
}
