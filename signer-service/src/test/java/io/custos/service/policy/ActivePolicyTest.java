package io.custos.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivePolicyTest {

  @Test
  void theDemoPolicyParses() {
    ActivePolicy.Snapshot demo = ActivePolicy.load(Path.of("../deploy/policy/demo-policy.yaml"));

    assertThat(demo.policy().name()).isEqualTo("custos-demo");
    assertThat(demo.policy().rules())
        .extracting(r -> r.name())
        .containsExactly(
            "vendor-payout",
            "staking-deposit",
            "other-deposits",
            "staking-bot",
            "operator-cancel",
            "everything-else");
  }

  @Test
  void anInvalidPolicyStopsStartupWithItsPathLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: broken
        rules:
          - name: r
            action: allow
            colour: blue
        """);

    assertThatThrownBy(() -> ActivePolicy.load(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("rules[0]")
        .hasMessageContaining("line 6");
  }

  @Test
  void aMissingPolicyFileStopsStartup(@TempDir Path dir) {
    assertThatThrownBy(() -> ActivePolicy.load(dir.resolve("none.yaml")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read the policy file");
  }
}
