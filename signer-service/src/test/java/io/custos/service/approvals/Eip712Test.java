package io.custos.service.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The EIP-712 documents, digests and signer recovery, against outside references. */
class Eip712Test {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example of the EIP-712 specification ("Mail"), with its published digest. */
  private static final String SPEC_MAIL =
      """
      {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
      {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
      "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
      "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},
      {"name":"contents","type":"string"}]},"primaryType":"Mail",
      "domain":{"name":"Ether Mail","version":"1","chainId":1,
      "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
      "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
      "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
      "contents":"Hello, Bob!"}}
      """;

  @Test
  void digestsTheSpecificationsExampleToItsPublishedDigest() throws Exception {
    assertThat(DeviceSignatures.hex(Eip712.digest(JSON.readTree(SPEC_MAIL))))
        .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
  }

  @Test
  void recoversTheSignerOfAnApprovalSignedByFoundrysCast() throws Exception {
    // Signed with cast 1.7.1: cast wallet sign --private-key <anvil dev account 0> --data "$(cat
    // approval-signed-by-cast.json)"; a wallet's eth_signTypedData_v4 hashes the same way.
    JsonNode typed =
        JSON.readTree(
            Files.readString(Path.of("src/test/resources/approvals/approval-signed-by-cast.json")));
    String signature =
        "0x8f2e0b9ee45565054da02bc8be982c16e71ecd40848bf6f4652a3640cee64439"
            + "1afeadc94553de4588d3b267abe12593ce029c4199a678adf67aca8196a1392a1b";

    assertThat(Signatures.recover(Eip712.digest(typed), signature))
        .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  }

  @Test
  void theServicesApprovalDocumentIsTheOneCastSigned() throws Exception {
    JsonNode signed =
        JSON.readTree(
            Files.readString(Path.of("src/test/resources/approvals/approval-signed-by-cast.json")));
    ApprovalMessage message =
        new ApprovalMessage(
            UUID.fromString("0b0e8a1e-1111-4222-8333-944455556666"),
            31337,
            "0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD",
            "0x1111111111111111111111111111111111111111",
            new BigInteger("5000000000000000000"),
            ApprovalMessage.dataHash(new byte[0]),
            null,
            null,
            ApprovalMessage.policyHash("11".repeat(32)),
            "approve",
            1_800_000_000L);
    ObjectNode domain =
        Eip712.domain(31337, UUID.fromString("12345678-1234-5678-1234-56781234567a"));

    // Re-read, so that numbers compare as the JSON they are (not as Java int vs long nodes).
    assertThat(JSON.readTree(Eip712.approval(domain, message).toString())).isEqualTo(signed);
  }

  @Test
  void anotherDeploymentOrChainGivesAnotherDigest() {
    ApprovalMessage m =
        new ApprovalMessage(
            UUID.randomUUID(),
            1,
            "0x" + "aa".repeat(20),
            "0x" + "bb".repeat(20),
            BigInteger.ONE,
            ApprovalMessage.dataHash(new byte[0]),
            null,
            null,
            "0x" + "cc".repeat(32),
            "approve",
            1);
    UUID deployment = UUID.randomUUID();
    byte[] base = Eip712.digest(Eip712.approval(Eip712.domain(1, deployment), m));

    assertThat(Eip712.digest(Eip712.approval(Eip712.domain(2, deployment), m))).isNotEqualTo(base);
    assertThat(Eip712.digest(Eip712.approval(Eip712.domain(1, UUID.randomUUID()), m)))
        .isNotEqualTo(base);
    assertThat(Eip712.salt(deployment)).endsWith(deployment.toString().replace("-", ""));
  }

  @Test
  void refusesTheHighSFormOfASignature() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    byte[] digest = new byte[32];
    digest[0] = 7;
    Sign.SignatureData s = Sign.signMessage(digest, key, false);
    BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(new BigInteger(1, s.getS()));
    String low =
        Numeric.toHexString(s.getR())
            + Numeric.toHexStringNoPrefix(s.getS())
            + Numeric.toHexStringNoPrefix(s.getV());
    String high =
        Numeric.toHexString(s.getR())
            + Numeric.toHexStringNoPrefixZeroPadded(highS, 64)
            + (s.getV()[0] == 27 ? "1c" : "1b");

    assertThat(Signatures.recover(digest, low)).isEqualTo("0x" + Keys.getAddress(key));
    assertThatThrownBy(() -> Signatures.recover(digest, high))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EIP-2");
  }
}
