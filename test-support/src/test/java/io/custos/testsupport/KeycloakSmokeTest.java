package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakExtension.class)
class KeycloakSmokeTest {

  private static JsonNode claims(String jwt) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  @Test
  void issuesAPersonsTokenWithRolesGroupsAndTheApiAudience(KeycloakServer keycloak)
      throws Exception {
    JsonNode claims = claims(keycloak.passwordToken("alice", "alice-demo"));

    assertThat(claims.get("iss").asText()).isEqualTo(keycloak.issuer().toString());
    assertThat(claims.get("preferred_username").asText()).isEqualTo("alice");
    assertThat(claims.at("/realm_access/roles").toString()).contains("\"requester\"");
    assertThat(claims.get("groups").toString()).isEqualTo("[\"/treasury\"]");
    assertThat(claims.get("aud").toString()).contains("custos-api");
  }

  @Test
  void issuesAServiceAccountTokenByClientCredentials(KeycloakServer keycloak) throws Exception {
    JsonNode claims = claims(keycloak.stakingBotToken());

    assertThat(claims.get("azp").asText()).isEqualTo("staking-bot");
    assertThat(claims.get("preferred_username").asText()).isEqualTo("service-account-staking-bot");
    assertThat(claims.at("/realm_access/roles").toString()).contains("\"requester\"");
  }

  @Test
  void refusesAWrongPassword(KeycloakServer keycloak) {
    assertThatThrownBy(() -> keycloak.passwordToken("alice", "wrong"))
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void concurrentLoginsOfOneUserAllGetTheirToken(KeycloakServer keycloak) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<String>> logins =
          IntStream.range(0, 16)
              .mapToObj(i -> pool.submit(() -> keycloak.passwordToken("bob", "bob-demo")))
              .toList();
      for (Future<String> login : logins) {
        assertThat(claims(login.get()).get("preferred_username").asText()).isEqualTo("bob");
      }
    }
  }
}
