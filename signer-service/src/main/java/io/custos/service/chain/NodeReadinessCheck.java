package io.custos.service.chain;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the node answers and is on the configured chain: a node on the wrong chain would
 * accept transactions signed for another, so Custos refuses to take requests.
 */
@Readiness
@ApplicationScoped
public class NodeReadinessCheck implements HealthCheck {

  private final EthereumNode node;

  NodeReadinessCheck(EthereumNode node) {
    this.node = node;
  }

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("ethereum-node")
            .withData("expectedChainId", node.expectedChainId());
    try {
      long actual = node.chainId();
      return response
          .withData("chainId", actual)
          .withData("blockNumber", node.blockNumber())
          .status(actual == node.expectedChainId())
          .build();
    } catch (RuntimeException e) {
      return response
          .down()
          .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
  }
}
