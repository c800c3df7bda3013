package io.custos.service.permissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.service.support.KeycloakAdmin;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.custos.testsupport.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Tokens that must not get in, each a real Keycloak token with exactly one thing wrong: expired,
 * issued under another issuer name or by another realm, for another audience, unsigned, altered, or
 * signed with the wrong algorithm. Each is refused with 401; a valid token without a Custos role is
 * refused with 403. Every case first shows the same caller getting in with a good token, so the
 * refusal is due to the one defect.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class TokenChecksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUESTS = "/api/v1/requests";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final KeycloakServer keycloak = KeycloakServer.shared();
  private final KeycloakAdmin admin = new KeycloakAdmin(keycloak);

  @Test
  void refusesATokenOnceItHasExpired() throws Exception {
    String client =
        admin.createPasswordClient(
            "short-lived-" + UUID.randomUUID(), true, Map.of("access.token.lifespan", "5"));
    String token =
        KeycloakAdmin.passwordToken(
            tokenEndpoint(keycloak.issuer()), client, "alice", "alice-demo");
    long exp = claims(token).get("exp").asLong();
    // Long enough to be let in once on a busy machine, short enough to wait for.
    assertThat(exp - claims(token).get("iat").asLong()).isEqualTo(5);

    admitted(token);
    long wait = (exp + 1) * 1000 - Instant.now().toEpochMilli();
    Thread.sleep(Math.max(0, wait));
    refusedAsUnauthenticated(token);
  }

  @Test
  void refusesATokenIssuedUnderAnotherIssuerNameWithTheRealmsOwnKey() throws Exception {
    // Keycloak names the issuer after the host it was asked on: same realm, same key, other iss.
    URI other = URI.create(keycloak.issuer().toString().replace("127.0.0.1", "localhost"));
    String token =
        KeycloakAdmin.passwordToken(tokenEndpoint(other), "custos-cli", "alice", "alice-demo");
    assertThat(claims(token).get("iss").asText()).isEqualTo(other.toString());
    assertThat(header(token).get("kid").asText())
        .isEqualTo(header(Tokens.of("alice")).get("kid").asText());

    admitted(Tokens.of("alice"));
    refusedAsUnauthenticated(token);
  }

  @Test
  void refusesATokenFromAnotherRealmThatClaimsTheSameUserAndRole() throws Exception {
    String realm = "lookalike-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createLookalikeRealm(realm, "alice", "lookalike-password");
    URI issuer = URI.create(keycloak.baseUrl() + "/realms/" + realm);
    String token =
        KeycloakAdmin.passwordToken(
            tokenEndpoint(issuer), "custos-cli", "alice", "lookalike-password");
    assertThat(claims(token).path("realm_access").path("roles").toString()).contains("requester");
    assertThat(claims(token).get("aud").toString()).contains("custos-api");

    refusedAsUnauthenticated(token);
  }

  @Test
  void refusesATokenForAnotherAudience() throws Exception {
    String client = admin.createPasswordClient("no-audience-" + UUID.randomUUID(), false, Map.of());
    String token =
        KeycloakAdmin.passwordToken(
            tokenEndpoint(keycloak.issuer()), client, "alice", "alice-demo");
    assertThat(claims(token).path("aud").toString()).doesNotContain("custos-api");
    assertThat(claims(token).path("realm_access").path("roles").toString()).contains("requester");

    refusedAsUnauthenticated(token);
  }

  @Test
  void refusesAValidTokenWithNoCustosRoleButShowsItsHolderWhoTheyAre() {
    String nora = Tokens.of("nora");
    for (String path : new String[] {REQUESTS, "/api/v1/policy", "/api/v1/wallets"}) {
      given()
          .auth()
          .oauth2(nora)
          .get(path)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:custos:problem:forbidden"));
    }
    given()
        .auth()
        .oauth2(nora)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("nora"))
        .body("roles", everyItem(not(oneOf(PermissionTable.ROLES.toArray()))));
  }

  @Test
  void refusesAnUnsignedToken() throws Exception {
    String good = Tokens.of("alice");
    String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String unsigned = header + "." + good.split("\\.")[1] + ".";

    admitted(good);
    refusedAsUnauthenticated(unsigned);
  }

  @Test
  void refusesATokenWhoseClaimsWereAlteredAfterSigning() throws Exception {
    String good = Tokens.of("alice");
    String[] parts = good.split("\\.");
    String claims = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
    String escalated = claims.replace("\"requester\"", "\"requester\",\"admin\",\"auditor\"");
    assertThat(escalated).isNotEqualTo(claims);
    String altered =
        parts[0]
            + "."
            + B64.encodeToString(escalated.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    admitted(good);
    refusedAsUnauthenticated(altered);
    given()
        .auth()
        .oauth2(altered)
        .get("/api/v1/audit/export")
        .then()
        .statusCode(401)
        .body("type", equalTo("urn:custos:problem:unauthenticated"));
  }

  @Test
  void refusesATokenWithATamperedSignature() throws Exception {
    String good = Tokens.of("alice");
    String[] parts = good.split("\\.");
    byte[] signature = B64D.decode(parts[2]);
    signature[signature.length / 2] ^= 0x01;
    String tampered = parts[0] + "." + parts[1] + "." + B64.encodeToString(signature);

    admitted(good);
    refusedAsUnauthenticated(tampered);
  }

  @Test
  void refusesATokenSignedWithHmacUnderTheRealmsPublicKey() throws Exception {
    // The algorithm-confusion attack: HS256 keyed with the public key anyone can fetch.
    String publicKey = realmPublicKey();
    String good = Tokens.of("alice");
    String header =
        B64.encodeToString(
            ("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\""
                    + header(good).get("kid").asText()
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    String signingInput = header + "." + good.split("\\.")[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String forged =
        signingInput
            + "."
            + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));

    admitted(good);
    refusedAsUnauthenticated(forged);
  }

  private static void admitted(String token) {
    given().auth().oauth2(token).get(REQUESTS).then().statusCode(200).body("items", notNullValue());
  }

  private static void refusedAsUnauthenticated(String token) {
    given()
        .auth()
        .oauth2(token)
        .get(REQUESTS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("urn:custos:problem:unauthenticated"));
  }

  private String realmPublicKey() throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(keycloak.issuer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).get("public_key").asText();
  }

  private static URI tokenEndpoint(URI issuer) {
    return URI.create(issuer + "/protocol/openid-connect/token");
  }

  private static JsonNode claims(String token) throws Exception {
    return JSON.readTree(B64D.decode(token.split("\\.")[1]));
  }

  private static JsonNode header(String token) throws Exception {
    return JSON.readTree(B64D.decode(token.split("\\.")[0]));
  }
}
