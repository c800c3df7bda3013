package io.custos.service.approvals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.cli.approvals.ApprovalCheckReport;
import io.custos.cli.approvals.OfflineApprovalCheck;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * Verdicts count only when an approver's registered device key signed the EIP-712 Approval that
 * binds the request's every field; anything else is refused with a problem, audited, not counted.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class ApprovalSignaturesTest {

  private static final String API = "/api/v1/requests";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String ONE_ETH = "1000000000000000000";

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  /** A funded treasury wallet; returns its label. */
  private String wallet() {
    String label = "a-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    String address =
        as("erin")
            .body(Map.of("label", label, "tags", List.of("treasury")))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    return label;
  }

  private static String payout(String requester, String wallet, String wei) {
    return as(requester)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("wallet", wallet, "to", VENDOR, "value", wei))
        .post(API)
        .then()
        .statusCode(201)
        .body("state", equalTo("PENDING_APPROVAL"))
        .extract()
        .path("id");
  }

  private static String state(String id) {
    return as("ivan").get(API + "/" + id).then().statusCode(200).extract().path("state");
  }

  private static String export() {
    return as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
  }

  /** The audit entries of a type about a request, once the sequencer has numbered them. */
  private static List<JsonNode> awaitEntries(String type, String requestId, int atLeast) {
    return await()
        .alias("at least " + atLeast + " " + type + " entries of request " + requestId)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                export()
                    .lines()
                    .map(DeviceKeys::read)
                    .filter(n -> n.path("kind").asText().equals("entry"))
                    .map(n -> n.get("entry"))
                    .filter(e -> e.path("type").asText().equals(type))
                    .filter(e -> e.at("/payload/requestId").asText().equals(requestId))
                    .toList(),
            found -> found.size() >= atLeast);
  }

  /**
   * Asserts a verdict was refused with {@code problem}, left the request pending with no verdict
   * recorded, and put an {@code approval.refused} entry naming the problem on the log.
   */
  private static void assertRefusedAndAudited(Response r, String id, int status, String problem) {
    r.then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:" + problem));
    as("ivan")
        .get(API + "/" + id)
        .then()
        .body("state", equalTo("PENDING_APPROVAL"))
        .body("approvals", equalTo(List.of()));
    List<JsonNode> refusals = awaitEntries("approval.refused", id, 1);
    assertThat(refusals)
        .anySatisfy(
            e ->
                assertThat(e.at("/payload/problem").asText())
                    .isEqualTo("urn:custos:problem:" + problem));
  }

  /** The typed data of bob's approval of {@code id}, with {@code path} in it replaced. */
  private static ObjectNode altered(String id, String section, String field, Object value) {
    ObjectNode typed = (ObjectNode) DeviceKeys.approvalTypedData("bob", id, "approve");
    ObjectNode part = (ObjectNode) typed.get(section);
    switch (value) {
      case Long l -> part.put(field, l);
      case String s -> part.put(field, s);
      default -> throw new IllegalArgumentException();
    }
    return typed;
  }

  private static String awaitConfirmed(URI node, String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Anvil.rpc(node, "anvil_mine", "0x3");
              assertThat(state(id)).as("state of request " + id).isEqualTo("CONFIRMED");
            });
    return as("ivan").get(API + "/" + id).then().extract().path("transaction.hash");
  }

  @Test
  void aPayoutApprovedByTwoRegisteredKeysIsMinedAndTheOfflineCheckConfirmsBothSignatures()
      throws Exception {
    String id = payout("alice", wallet(), ONE_ETH);

    JsonNode handedOut =
        DeviceKeys.read(
            as("bob")
                .get(API + "/" + id + "/typed-data?verdict=approve")
                .then()
                .statusCode(200)
                .body("typedData.primaryType", equalTo("Approval"))
                .body("typedData.domain.name", equalTo("Custos"))
                .body("typedData.message.requestId", equalTo(id))
                .body("typedData.message.value", equalTo(ONE_ETH))
                .extract()
                .asString());
    assertThat(handedOut.get("digest").asText())
        .as("the digest a wallet computes from the typed data")
        .isEqualTo(DeviceSignatures.hex(Eip712.digest(handedOut.get("typedData"))));
    DeviceKeys.verdict("bob", id, "approve").then().statusCode(200);
    assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
    DeviceKeys.verdict("dave", id, "approve").then().statusCode(200);
    String tx = awaitConfirmed(node, id);

    as("ivan").post("/api/v1/audit/checkpoint").then().statusCode(200);
    awaitEntries("transaction.signed", id, 1);
    Path file = Files.createTempFile("custos-audit", ".jsonl");
    Files.writeString(file, export());
    ApprovalCheckReport.TransactionResult result = OfflineApprovalCheck.check(file).transaction(tx);

    assertThat(result.faults()).isEmpty();
    assertThat(result.quorumMet()).isTrue();
    assertThat(result.confirmed())
        .containsExactlyInAnyOrder(
            "bob (" + DeviceKeys.address(DeviceKeys.of("bob")) + ")",
            "dave (" + DeviceKeys.address(DeviceKeys.of("dave")) + ")");

    String bobSignature =
        awaitEntries("approval.recorded", id, 2).stream()
            .filter(e -> e.at("/payload/approver/username").asText().equals("bob"))
            .findFirst()
            .orElseThrow()
            .at("/payload/signature")
            .asText();
    String forged =
        bobSignature.substring(0, 10)
            + (bobSignature.charAt(10) == 'a' ? 'b' : 'a')
            + bobSignature.substring(11);
    Path tampered = Files.createTempFile("custos-audit-tampered", ".jsonl");
    Files.writeString(tampered, Files.readString(file).replace(bobSignature, forged));
    ApprovalCheckReport.TransactionResult broken =
        OfflineApprovalCheck.check(tampered).transaction(tx);

    assertThat(broken.ok()).isFalse();
    assertThat(broken.quorumMet()).isFalse();
    assertThat(broken.faults()).anySatisfy(f -> assertThat(f).startsWith("approval by bob"));
  }

  @Test
  void aVerdictWithoutADeviceSignatureIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    DeviceKeys.ensureRegistered("bob");

    Response r = as("bob").body(Map.of("verdict", "approve")).post(API + "/" + id + "/approvals");

    assertRefusedAndAudited(r, id, 400, "approval-signature-required");
  }

  @Test
  void aSignatureByAnUnregisteredKeyIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    DeviceKeys.ensureRegistered("bob");
    JsonNode typed = DeviceKeys.approvalTypedData("bob", id, "approve");

    Response r =
        DeviceKeys.post("bob", id, "approve", typed, DeviceKeys.sign(DeviceKeys.random(), typed));

    assertRefusedAndAudited(r, id, 422, "approval-signature-invalid");
  }

  @Test
  void aSignatureByARevokedKeyIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ECKeyPair old = DeviceKeys.random();
    String registration =
        DeviceKeys.propose("carol", old).then().statusCode(202).extract().path("id");
    DeviceKeys.approveByAdmins(registration, "carol");
    String revocation =
        as("carol")
            .post("/api/v1/approvers/keys/" + DeviceKeys.address(old) + "/revocation")
            .then()
            .statusCode(202)
            .body("kind", equalTo("approver_key.revoke"))
            .extract()
            .path("id");
    DeviceKeys.approveByAdmins(revocation, "carol");
    JsonNode typed = DeviceKeys.approvalTypedData("carol", id, "approve");

    Response r = DeviceKeys.post("carol", id, "approve", typed, DeviceKeys.sign(old, typed));

    assertRefusedAndAudited(r, id, 403, "approver-key-revoked");
  }

  @Test
  void anApprovalOverAChangedAmountIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ObjectNode typed = altered(id, "message", "value", "999999");

    Response r =
        DeviceKeys.post(
            "bob",
            id,
            "approve",
            typed,
            DeviceKeys.sign(DeviceKeys.ensureRegistered("bob"), typed));

    assertRefusedAndAudited(r, id, 422, "approval-mismatch");
    r.then().body("fields", equalTo(List.of("value")));
  }

  @Test
  void anApprovalOverAChangedDestinationIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ObjectNode typed = altered(id, "message", "to", "0x2222222222222222222222222222222222222222");

    Response r =
        DeviceKeys.post(
            "bob",
            id,
            "approve",
            typed,
            DeviceKeys.sign(DeviceKeys.ensureRegistered("bob"), typed));

    assertRefusedAndAudited(r, id, 422, "approval-mismatch");
    r.then().body("fields", equalTo(List.of("to")));
  }

  @Test
  void anApprovalSignedForAnotherChainIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ObjectNode typed = altered(id, "domain", "chainId", 1L);

    Response r =
        DeviceKeys.post(
            "bob",
            id,
            "approve",
            typed,
            DeviceKeys.sign(DeviceKeys.ensureRegistered("bob"), typed));

    assertRefusedAndAudited(r, id, 422, "approval-domain-mismatch");
    r.then().body("fields", equalTo(List.of("domain.chainId")));
  }

  @Test
  void anApprovalSignedForAnotherDeploymentIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ObjectNode typed = altered(id, "domain", "salt", Eip712.salt(UUID.randomUUID()));

    Response r =
        DeviceKeys.post(
            "bob",
            id,
            "approve",
            typed,
            DeviceKeys.sign(DeviceKeys.ensureRegistered("bob"), typed));

    assertRefusedAndAudited(r, id, 422, "approval-domain-mismatch");
    r.then().body("fields", equalTo(List.of("domain.salt")));
  }

  @Test
  void anApprovalReplayedOnASecondRequestIsRefused() throws Exception {
    String label = wallet();
    String first = payout("alice", label, "1000");
    String second = payout("alice", label, "1000");
    ECKeyPair bob = DeviceKeys.ensureRegistered("bob");
    JsonNode typed = DeviceKeys.approvalTypedData("bob", first, "approve");
    String signature = DeviceKeys.sign(bob, typed);
    DeviceKeys.post("bob", first, "approve", typed, signature).then().statusCode(200);

    Response r = DeviceKeys.post("bob", second, "approve", typed, signature);

    assertRefusedAndAudited(r, second, 422, "approval-mismatch");
    r.then().body("fields", equalTo(List.of("requestId")));
  }

  @Test
  void anExpiredApprovalIsRefused() throws Exception {
    String id = payout("alice", wallet(), "1000");
    ObjectNode typed =
        altered(id, "message", "expiresAt", Instant.now().minusSeconds(5).getEpochSecond());

    Response r =
        DeviceKeys.post(
            "bob",
            id,
            "approve",
            typed,
            DeviceKeys.sign(DeviceKeys.ensureRegistered("bob"), typed));

    assertRefusedAndAudited(r, id, 422, "approval-expired");
  }

  @Test
  void theRequesterCannotApproveTheirOwnRequestEvenWithAValidSignature() throws Exception {
    String id = payout("dave", wallet(), "1000");

    Response r = DeviceKeys.verdict("dave", id, "approve");

    assertRefusedAndAudited(r, id, 403, "self-approval");
  }
}
