package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A machine without the tools fails at once, naming what is missing and how to install it. */
class MissingComponentTest {

  private String savedToolsDir;

  @BeforeEach
  void pointAtAnEmptyToolsDir() throws Exception {
    savedToolsDir = System.getProperty("custos.tools.dir");
    Path empty = Files.createTempDirectory(Tools.buildDir(), "no-tools");
    System.setProperty("custos.tools.dir", empty.toString());
  }

  @AfterEach
  void restoreToolsDir() {
    if (savedToolsDir == null) {
      System.clearProperty("custos.tools.dir");
    } else {
      System.setProperty("custos.tools.dir", savedToolsDir);
    }
  }

  @Test
  void missingAnvilNamesItAndTheInstallCommand() {
    assertThatThrownBy(() -> Anvil.start("missing", Anvil.DEFAULT_CHAIN_ID))
        .isInstanceOf(MissingComponentException.class)
        .hasMessageContaining("anvil is not installed")
        .hasMessageContaining("./custos setup");
  }

  @Test
  void missingKeycloakNamesItAndTheInstallCommand() {
    assertThatThrownBy(KeycloakServer::shared)
        .isInstanceOf(MissingComponentException.class)
        .hasMessageContaining("Keycloak")
        .hasMessageContaining("./custos setup");
  }
}
