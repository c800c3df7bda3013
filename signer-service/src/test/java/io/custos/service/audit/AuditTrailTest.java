package io.custos.service.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import io.custos.service.support.BotTransfers;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.Anvil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Every step of a sent transaction is on a log that verifies offline with the pinned HSM key. */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class AuditTrailTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Audit audit;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  private static io.restassured.specification.RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  private static List<JsonNode> entries(String export) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : export.split("\n")) {
      JsonNode n = JSON.readTree(line);
      if (n.path("kind").asText().equals("entry")) {
        out.add(n.get("entry"));
      }
    }
    return out;
  }

  private List<String> types() throws Exception {
    String export =
        as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    return entries(export).stream().map(e -> e.get("type").asText()).toList();
  }

  /** Mines blocks until the exported trail has a {@code type} entry. */
  private void awaitType(String type) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              List<String> types = types();
              if (!types.contains(type)) {
                Anvil.rpc(node, "anvil_mine", "0x3");
              }
              assertThat(types).as("types of the exported entries").contains(type);
            });
  }

  @Test
  void aSentTransactionLeavesAVerifiableTrailSignedByTheHsmKey() throws Exception {
    String address =
        as("erin")
            .body(Map.of("label", "audited"))
            .post("/api/v1/wallets")
            .then()
            .statusCode(201)
            .extract()
            .path("address");
    UUID walletId =
        UUID.fromString(
            as("erin").get("/api/v1/wallets/audited").then().extract().path("wallet.id"));
    Anvil.fund(node, address, BigInteger.TEN.pow(19));

    BotTransfers.submit(
        "audited", "0x2222222222222222222222222222222222222222", BigInteger.valueOf(12345));
    awaitType(AuditEntryType.TRANSACTION_CONFIRMED.typeName());

    as("ivan").post("/api/v1/audit/checkpoint").then().statusCode(200);
    String pem = as("ivan").get("/api/v1/audit/key").then().statusCode(200).extract().asString();
    String export =
        as("ivan").get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    Path file = Files.createTempFile("custos-audit", ".jsonl");
    Files.writeString(file, export);

    VerificationReport report =
        new AuditVerifier(VerifierKey.parse(pem), Optional.empty()).verifyExport(file);

    assertThat(report.ok()).as("faults: %s", report.faults()).isTrue();
    assertThat(report.checkpoints()).isPositive();
    assertThat(types())
        .containsSubsequence(
            "key.created", "transaction.signed", "transaction.broadcast", "transaction.confirmed");
    // The log is shared with the other test classes of this JVM: pick this wallet's entry.
    JsonNode signed =
        entries(export).stream()
            .filter(e -> e.get("type").asText().equals("transaction.signed"))
            .filter(e -> e.get("subjects").toString().contains("wallet:" + walletId))
            .findFirst()
            .orElseThrow();
    assertThat(signed.at("/payload/from").asText()).isEqualTo(address);
    assertThat(signed.at("/payload/raw").asText()).startsWith("0x02");
  }

  @Test
  void anEntryIsWrittenOnlyIfItsTransactionCommits() throws Exception {
    String rolledBack = "rolled-back-" + UUID.randomUUID();
    String kept = "kept-" + UUID.randomUUID();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                audit.record(
                    AuditEntryType.REQUEST_EXPIRED,
                    "tester",
                    List.of(),
                    Map.of("requestId", rolledBack));
                throw new IllegalStateException("the state change failed");
              });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                audit.record(
                    AuditEntryType.REQUEST_EXPIRED,
                    "tester",
                    List.of(),
                    Map.of("requestId", kept)));

    awaitType("request.expired");
    String export = as("ivan").get("/api/v1/audit/export").then().extract().asString();
    assertThat(export).contains(kept).doesNotContain(rolledBack);
  }

  @Test
  void everyEntryOnTheLogIsInTheCatalogueWithTheFieldsItDocuments() throws Exception {
    String export = as("ivan").get("/api/v1/audit/export").then().extract().asString();
    List<JsonNode> all = entries(export);
    assertThat(all).isNotEmpty();
    for (JsonNode e : all) {
      String name = e.get("type").asText();
      AuditEntryType type =
          AuditEntryType.byName(name)
              .orElseThrow(() -> new AssertionError(name + " is written but not catalogued"));
      List<String> fields = new ArrayList<>();
      e.get("payload").fieldNames().forEachRemaining(fields::add);
      List<String> documented =
          type.payloadFields().stream().map(f -> f.replaceAll("[\\[\\]]", "")).toList();
      List<String> required =
          type.payloadFields().stream().filter(f -> !f.startsWith("[")).toList();
      assertThat(documented).as("payload of %s", name).containsAll(fields);
      assertThat(fields).as("payload of %s", name).containsAll(required);
    }
  }

  @Test
  void onlyAuditorsAndAdminsReadTheLog() {
    as("alice").get("/api/v1/audit/export").then().statusCode(403);
    given().get("/api/v1/audit/key").then().statusCode(401);
  }
}
