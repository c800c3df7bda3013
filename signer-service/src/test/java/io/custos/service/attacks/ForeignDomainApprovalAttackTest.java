package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.VENDOR;
import static io.custos.service.attacks.AttackApi.show;
import static io.custos.service.attacks.AttackApi.submitted;
import static io.custos.service.attacks.AttackApi.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.cli.ExitCodes;
import io.custos.service.support.CliUser;
import io.custos.service.support.CliUser.Run;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.crypto.Wallet;

/**
 * Issue 13, attack 13 (domain): a compromised server asked an approver's device to sign an {@code
 * Approval} under another EIP-712 domain (another chain id, another deployment's salt), every field
 * and the digest otherwise consistent, and got a signature it could replay where that domain is
 * valid. The CLI pins the domain of each server on the first approval and refuses another one
 * before anything is signed.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class ForeignDomainApprovalAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ONE_ETH = "1000000000000000000";

  @TestHTTPResource("/")
  URI service;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private final CliUser bob =
      new CliUser("bob", Path.of("target", "attack-cli", UUID.randomUUID().toString()));

  @Test
  void aServerThatSwitchesTheSigningDomainGetsNoSignature() throws Exception {
    Path keystore = bob.write("device.json", keystoreOf(DeviceKeys.ensureRegistered("bob")));
    Path password = bob.write("device.password", "device password\n");
    String label = wallet(node, "treasury")[0];
    Map<String, Object> payout = Map.of("wallet", label, "to", VENDOR, "value", ONE_ETH);
    String first = submitted(Tokens.of("alice"), payout);
    String second = submitted(Tokens.of("alice"), payout);

    try (RecordingServer compromised = new RecordingServer(service)) {
      bob.login(compromised.url());
      String[] signing = {
        "--keystore", keystore.toString(), "--password-file", password.toString()
      };
      Run honest = bob.run(with(new String[] {"tx", "approve", first, "--yes"}, signing));
      assertThat(honest.exit()).as(honest.toString()).isZero();

      compromised.rewriteAnswers(ForeignDomainApprovalAttackTest::onAnotherChain);
      Run attacked = bob.run(with(new String[] {"tx", "approve", second, "--yes"}, signing));

      assertThat(attacked.exit()).as(attacked.toString()).isEqualTo(ExitCodes.REFUSED);
      assertThat(attacked.err()).contains("EIP-712 domain").contains("\"chainId\":1");
      assertThat(compromised.calls())
          .as("nothing signed reached the server")
          .noneMatch(c -> c.method().equals("POST") && c.path().contains(second));
    }
    assertThat(show(second).getList("approvals")).isEmpty();
  }

  /**
   * The typed-data offer re-pointed at chain 1, its digest recomputed to pass every other check.
   */
  private static String onAnotherChain(String body) {
    try {
      JsonNode offer = JSON.readTree(body);
      if (!offer.path("typedData").isObject()) {
        return body;
      }
      ((ObjectNode) offer.path("typedData").path("domain")).put("chainId", 1);
      byte[] digest =
          new StructuredDataEncoder(offer.path("typedData").toString()).hashStructuredData();
      ((ObjectNode) offer).put("digest", "0x" + HexFormat.of().formatHex(digest));
      return offer.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String keystoreOf(org.web3j.crypto.ECKeyPair key) throws Exception {
    return JSON.writeValueAsString(Wallet.createLight("device password", key));
  }

  private static String[] with(String[] command, String... options) {
    String[] all = java.util.Arrays.copyOf(command, command.length + options.length);
    System.arraycopy(options, 0, all, command.length, options.length);
    return all;
  }
}
