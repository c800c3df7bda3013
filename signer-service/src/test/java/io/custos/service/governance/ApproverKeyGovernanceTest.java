package io.custos.service.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.service.support.DeviceKeys;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** Approver keys change only with the admin quorum of the policy's governance block. */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class ApproverKeyGovernanceTest {

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  private static String keyState(String address) {
    List<Map<String, Object>> keys =
        as("erin")
            .get("/api/v1/approvers/keys")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return keys.stream()
        .filter(k -> address.equals(k.get("address")))
        .map(k -> (String) k.get("state"))
        .findFirst()
        .orElse("ABSENT");
  }

  private static void verdict(String admin, String governanceId, String verdict) {
    as(admin)
        .body(Map.of("verdict", verdict))
        .post("/api/v1/governance/requests/" + governanceId + "/approvals")
        .then()
        .statusCode(200);
  }

  @Test
  void aKeyBecomesActiveOnlyWithTheAdminQuorumAndIsRevokedLikewise() {
    ECKeyPair key = DeviceKeys.random();
    String address = DeviceKeys.address(key);

    String registration =
        DeviceKeys.propose("grace", key)
            .then()
            .statusCode(202)
            .body("kind", equalTo("approver_key.register"))
            .body("state", equalTo("PENDING_APPROVAL"))
            .body("key.address", equalTo(address))
            .body("decision.missing", equalTo(List.of("2 more of admins")))
            .extract()
            .path("id");
    as("grace")
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + registration + "/approvals")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:custos:problem:self-approval"));
    verdict("erin", registration, "approve");
    assertThat(keyState(address)).as("one admin is not the quorum").isEqualTo("PENDING");
    verdict("frank", registration, "approve");
    assertThat(keyState(address)).isEqualTo("ACTIVE");

    String revocation =
        as("erin")
            .post("/api/v1/approvers/keys/" + address + "/revocation")
            .then()
            .statusCode(202)
            .body("state", equalTo("PENDING_APPROVAL"))
            .extract()
            .path("id");
    verdict("frank", revocation, "approve");
    assertThat(keyState(address)).as("one admin is not the quorum").isEqualTo("ACTIVE");
    verdict("grace", revocation, "approve");
    assertThat(keyState(address)).isEqualTo("REVOKED");
    as("ivan")
        .get("/api/v1/governance/requests/" + revocation)
        .then()
        .body("state", equalTo("APPROVED"))
        .body("approvals.approver", equalTo(List.of("frank", "grace")));
  }

  @Test
  void aRejectedRegistrationLeavesNoKey() {
    ECKeyPair key = DeviceKeys.random();
    String id = DeviceKeys.propose("bob", key).then().statusCode(202).extract().path("id");

    verdict("erin", id, "reject");

    as("ivan").get("/api/v1/governance/requests/" + id).then().body("state", equalTo("REJECTED"));
    assertThat(keyState(DeviceKeys.address(key))).isEqualTo("ABSENT");
  }

  @Test
  void aRegistrationMustBeSignedByTheKeyItRegisters() {
    ECKeyPair key = DeviceKeys.random();
    String address = DeviceKeys.address(key);
    JsonNode typed = DeviceKeys.registrationTypedData("bob", address);

    as("bob")
        .body(
            Map.of(
                "address",
                address,
                "typedData",
                typed,
                "signature",
                DeviceKeys.sign(DeviceKeys.random(), typed)))
        .post("/api/v1/approvers/keys")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:custos:problem:key-proof-invalid"));
    assertThat(keyState(address)).isEqualTo("ABSENT");
  }

  @Test
  void onlyApproversRegisterKeysAndOnlyAdminsDecide() {
    as("alice")
        .get(
            "/api/v1/approvers/me/registration-typed-data?address="
                + DeviceKeys.address(DeviceKeys.random()))
        .then()
        .statusCode(403);
    ECKeyPair key = DeviceKeys.random();
    String id = DeviceKeys.propose("bob", key).then().statusCode(202).extract().path("id");
    as("dave")
        .body(Map.of("verdict", "approve"))
        .post("/api/v1/governance/requests/" + id + "/approvals")
        .then()
        .statusCode(403);
  }
}
