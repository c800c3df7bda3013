package io.custos.service.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.approvals.Eip712;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Plays the approvers' devices in API tests: one deterministic secp256k1 key per demo user (as a
 * hardware wallet would hold), registered through the real endpoints with the admin quorum, and
 * EIP-712 signatures over the typed data the service hands out.
 */
public final class DeviceKeys {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ADMINS = List.of("erin", "frank", "grace");

  private DeviceKeys() {}

  /**
   * The generation of each user's device key. Test classes with the same resources share one
   * running service and database, and an address once revoked (a rotation in another class) can
   * never be registered again: the user then moves on to the next deterministic key.
   */
  private static final Map<String, Integer> GENERATION =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The current device key of a demo user. */
  public static ECKeyPair of(String user) {
    return generation(user, GENERATION.getOrDefault(user, 0));
  }

  private static ECKeyPair generation(String user, int generation) {
    String name = "custos-test-device:" + user + (generation == 0 ? "" : ":" + generation);
    return ECKeyPair.create(Hash.sha3(name.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh random device key. */
  public static ECKeyPair random() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String address(ECKeyPair key) {
    return "0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT);
  }

  /** {@code r ‖ s ‖ v} over the EIP-712 digest of {@code typedData}, as a wallet returns it. */
  public static String sign(ECKeyPair key, JsonNode typedData) {
    Sign.SignatureData s = Sign.signMessage(Eip712.digest(typedData), key, false);
    byte[] out = new byte[65];
    System.arraycopy(s.getR(), 0, out, 0, 32);
    System.arraycopy(s.getS(), 0, out, 32, 32);
    out[64] = s.getV()[0];
    return Numeric.toHexString(out);
  }

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(user)).contentType("application/json");
  }

  /** Makes the user's deterministic key their active key, unless it already is. */
  public static synchronized ECKeyPair ensureRegistered(String user) {
    List<Map<String, Object>> keys =
        as("ivan")
            .get("/api/v1/approvers/keys")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    ECKeyPair key = of(user);
    while (stateOf(keys, address(key)).filter(s -> !s.equals("ACTIVE")).isPresent()) {
      GENERATION.merge(user, 1, Integer::sum);
      key = of(user);
    }
    if (stateOf(keys, address(key)).isEmpty()) {
      String governanceId = propose(user, key).then().statusCode(202).extract().path("id");
      approveByAdmins(governanceId, user);
    }
    return key;
  }

  private static java.util.Optional<String> stateOf(
      List<Map<String, Object>> keys, String address) {
    return keys.stream()
        .filter(k -> address.equals(k.get("address")))
        .map(k -> (String) k.get("state"))
        .findFirst();
  }

  /** Proposes registering {@code key} for {@code user}, proven by the key's signature. */
  public static Response propose(String user, ECKeyPair key) {
    String address = address(key);
    JsonNode typed = registrationTypedData(user, address);
    return as(user)
        .body(Map.of("address", address, "typedData", typed, "signature", sign(key, typed)))
        .post("/api/v1/approvers/keys");
  }

  public static JsonNode registrationTypedData(String user, String address) {
    String body =
        as(user)
            .get("/api/v1/approvers/me/registration-typed-data?address=" + address)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return read(body).get("typedData");
  }

  /** Two admins other than {@code proposer} approve a governance request. */
  public static void approveByAdmins(String governanceId, String proposer) {
    List<String> admins = ADMINS.stream().filter(a -> !a.equals(proposer)).limit(2).toList();
    for (String admin : admins) {
      as(admin)
          .body(Map.of("verdict", "approve", "comment", admin + " checked the device"))
          .post("/api/v1/governance/requests/" + governanceId + "/approvals")
          .then()
          .statusCode(200);
    }
    String state =
        as("ivan")
            .get("/api/v1/governance/requests/" + governanceId)
            .then()
            .extract()
            .path("state");
    assertThat(state).isEqualTo("APPROVED");
  }

  /** The Approval typed data the service hands out for a verdict on a request. */
  public static JsonNode approvalTypedData(String user, String requestId, String verdict) {
    String body =
        as(user)
            .get("/api/v1/requests/" + requestId + "/typed-data?verdict=" + verdict)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return read(body).get("typedData");
  }

  /** Posts a verdict signed by the user's registered device key. */
  public static Response verdict(String user, String requestId, String verdict) {
    ECKeyPair key = ensureRegistered(user);
    JsonNode typed = approvalTypedData(user, requestId, verdict);
    return post(user, requestId, verdict, typed, sign(key, typed));
  }

  /** Posts a verdict with the given typed data and signature. */
  public static Response post(
      String user, String requestId, String verdict, JsonNode typedData, String signature) {
    return as(user)
        .body(
            Map.of(
                "verdict",
                verdict,
                "comment",
                user + " checked the invoice",
                "typedData",
                typedData,
                "signature",
                signature))
        .post("/api/v1/requests/" + requestId + "/approvals");
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
