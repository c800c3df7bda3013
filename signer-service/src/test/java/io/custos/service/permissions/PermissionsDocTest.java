package io.custos.service.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/permissions.md} shows the table the matrix test walks, so the two cannot drift. Run
 * with {@code -Dcustos.permissions.regenerate=true} to rewrite the generated block.
 */
class PermissionsDocTest {

  static final Path DOC = Path.of("../docs/permissions.md").toAbsolutePath().normalize();
  static final String REGENERATE = "custos.permissions.regenerate";

  @Test
  void theDocumentShowsTheTableTheTestsWalk() throws IOException {
    String document = Files.readString(DOC, StandardCharsets.UTF_8);
    String committed = PermissionsDoc.generatedBlock(document);
    assertThat(committed)
        .as("%s has no block between the markers %s and %s", DOC, PermissionsDoc.BEGIN, "END")
        .isNotNull();
    String fresh = PermissionsDoc.render(PermissionTable.load());
    if (!fresh.equals(committed) && Boolean.getBoolean(REGENERATE)) {
      Files.writeString(DOC, document.replace(committed, fresh), StandardCharsets.UTF_8);
      return;
    }
    assertThat(committed)
        .as(
            "docs/permissions.md is out of date with %s. Regenerate it with\n"
                + "  ./mvnw -B -ntp -pl signer-service -am verify -Dtest=PermissionsDocTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D%s=true\n"
                + "or paste this block:\n%s\n",
            PermissionTable.SOURCE, REGENERATE, fresh)
        .isEqualTo(fresh);
  }

  @Test
  void rendersEachRoleColumnFromTheRowsWho() {
    var table =
        PermissionTable.parse(
            """
            GET, /api/v1/x, admin auditor, read x
            POST, /api/v1/x, authenticated, make x
            GET, /q/health, public, health
            """);
    String block = PermissionsDoc.render(table);
    assertThat(block)
        .contains("| `GET /api/v1/x` | 401 | 403 | 403 | 403 | 403 | ✓ | ✓ | 403 | read x |")
        .contains("| `POST /api/v1/x` | 401 | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | make x |")
        .contains("| `GET /q/health` | health |");
  }
}
