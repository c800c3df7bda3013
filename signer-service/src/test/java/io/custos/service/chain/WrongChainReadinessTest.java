package io.custos.service.chain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealStack.class)
@TestProfile(WrongChainReadinessTest.ExpectsMainnet.class)
class WrongChainReadinessTest {

  /** The deployment expects mainnet, but the node is a devnet. */
  public static class ExpectsMainnet implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("custos.ethereum.chain-id", "1");
    }
  }

  @Test
  void isNotReadyWhenTheNodeIsOnAnotherChain() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'ethereum-node' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'ethereum-node' }.data.chainId", equalTo(31337))
        .body("checks.find { it.name == 'ethereum-node' }.data.expectedChainId", equalTo(1));
  }
}
