package io.custos.service.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The enums stand for the texts the database stores and the API returns: those texts may not
 * change, so each is checked against the schema's constraints and its JSON form.
 */
class GovernanceWireNamesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/service");

  private static String migration(String name) throws Exception {
    return Files.readString(MIGRATIONS.resolve(name));
  }

  @Test
  void kindsKeepTheirDottedNamesInTheApiAndTheDatabase() throws Exception {
    assertThat(Arrays.stream(GovernanceKind.values()).map(GovernanceKind::wire))
        .containsExactly(
            "approver_key.register",
            "approver_key.revoke",
            "policy.change",
            "address_book.change",
            "wallet.tags",
            "freeze.lift");
    // The latest migration that redefines governance_request_kind_check.
    String schema = migration("V16__withdrawal_and_freezes.sql");
    for (GovernanceKind kind : GovernanceKind.values()) {
      assertThat(schema).contains("'" + kind.wire() + "'");
      assertThat(JSON.writeValueAsString(kind)).isEqualTo("\"" + kind.wire() + "\"");
      assertThat(GovernanceKind.fromWire(kind.wire())).isEqualTo(kind);
    }
  }

  @Test
  void anUnknownKindIsRefusedWhenRead() {
    assertThatThrownBy(() -> GovernanceKind.fromWire("policy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policy");
  }

  @Test
  void statesAreTheUpperCaseNamesTheSchemaAllows() throws Exception {
    String schema = migration("V11__governance_timelock.sql");
    for (GovernanceState state : GovernanceState.values()) {
      assertThat(schema).contains("'" + state.name() + "'");
      assertThat(JSON.writeValueAsString(state)).isEqualTo("\"" + state.name() + "\"");
    }
  }

  @Test
  void verdictsAreTakenOnlyWhileARequestIsPendingOrTimelocked() {
    assertThat(Arrays.stream(GovernanceState.values()).filter(GovernanceState::open))
        .containsExactly(GovernanceState.PENDING_APPROVAL, GovernanceState.TIMELOCKED);
  }
}
