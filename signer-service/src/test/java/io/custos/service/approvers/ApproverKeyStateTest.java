package io.custos.service.approvers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The key states stand for the texts {@code approver_key.state} stores and the API returns. */
class ApproverKeyStateTest {

  @Test
  void statesAreTheNamesTheSchemaAllowsAndTheApiShows() throws Exception {
    String schema =
        Files.readString(
            Path.of("src/main/resources/db/service/V5__approver_keys_and_governance.sql"));

    assertThat(schema).contains("state IN ('PENDING', 'ACTIVE', 'REVOKED')");
    assertThat(Arrays.stream(ApproverKeyState.values()).map(Enum::name))
        .containsExactly("PENDING", "ACTIVE", "REVOKED");
    assertThat(new ObjectMapper().writeValueAsString(ApproverKeyState.REVOKED))
        .isEqualTo("\"REVOKED\"");
  }
}
