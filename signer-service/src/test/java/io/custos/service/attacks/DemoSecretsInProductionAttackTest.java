package io.custos.service.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 6: the realm operators were told to import carried the demo's {@code
 * staking-bot} secret, the demo people with their passwords and {@code sslRequired: none}, so a
 * deployment that followed the README ran with credentials anyone can read on GitHub and tokens
 * over plain HTTP. The template holds no credential and requires TLS; the demo adds its own.
 */
class DemoSecretsInProductionAttackTest {

  private static final Path TEMPLATE = Path.of("../deploy/keycloak/custos-realm.json");
  private static final Pattern CREDENTIAL_FIELD =
      Pattern.compile("(?i).*(secret|password|credential|privatekey).*");

  private final JsonNode realm = read();

  @Test
  void theProductionRealmHoldsNoSecretNorPasswordAnywhere() {
    List<String> found = new ArrayList<>();
    credentialFields(realm, "", found);
    assertThat(found).as("credential fields in %s", TEMPLATE).isEmpty();
  }

  @Test
  void theProductionRealmHoldsNoUser() {
    assertThat(realm.path("users")).as("users").isEmpty();
    assertThat(realm.path("federatedUsers")).as("federated users").isEmpty();
  }

  @Test
  void theProductionRealmRequiresTlsForEveryoneButLocalAddresses() {
    assertThat(realm.path("sslRequired").asText()).isIn("external", "all");
  }

  @Test
  void theProductionRealmStillDefinesEveryRoleTheServiceKnows() {
    List<String> roles = new ArrayList<>();
    realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
    assertThat(roles).contains("requester", "approver", "admin", "auditor", "operator", "guardian");
  }

  private static void credentialFields(JsonNode node, String at, List<String> found) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        credentialFields(node.get(i), at + "[" + i + "]", found);
      }
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = at + "." + field.getKey();
      if (CREDENTIAL_FIELD.matcher(field.getKey()).matches()) {
        found.add(path);
      }
      credentialFields(field.getValue(), path, found);
    }
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(TEMPLATE.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + TEMPLATE, e);
    }
  }
}
