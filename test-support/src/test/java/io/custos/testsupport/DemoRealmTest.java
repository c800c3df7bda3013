package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRealmTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void addsTheDemoPeopleAndTheBotWithItsSecretToTheTemplate() throws Exception {
    JsonNode realm = new ObjectMapper().readTree(DemoRealm.json(ROOT, "s3cret"));

    assertThat(names(realm.path("roles").path("realm"), "name")).contains("approver", "guardian");
    assertThat(names(realm.path("users"), "username")).contains("alice", "bob");
    assertThat(names(realm.path("clients"), "clientId"))
        .containsExactly("custos-api", "custos-cli", "staking-bot");
    assertThat(realm.path("clients").get(2).path("secret").asText()).isEqualTo("s3cret");
    assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
  }

  @Test
  void theStackGetsASecretOfItsOwnThatOnlyItsOwnerReadsAndKeepsIt(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("staking-bot.secret");
    Path realm = dir.resolve("custos-realm.json");

    DemoRealm.main(new String[] {secret.toString(), realm.toString(), ROOT.toString()});
    String first = Files.readString(secret);
    DemoRealm.main(new String[] {secret.toString(), realm.toString(), ROOT.toString()});

    assertThat(Files.readString(secret)).isEqualTo(first).hasSize(32);
    assertThat(Files.readString(realm)).contains(first);
    for (Path p : List.of(secret, realm)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rw-------");
    }
    assertThat(DemoRealm.newSecret()).isNotEqualTo(DemoRealm.newSecret());
  }

  private static List<String> names(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
