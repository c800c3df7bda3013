package io.custos.service.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.service.permissions.PermissionTable.Outcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionTableTest {

  @Test
  void expectsRefusalsFromTheRowsRolesAlone() {
    var row = PermissionTable.parse("GET, /api/v1/x, admin auditor, read x").getFirst();

    assertThat(row.expectedForAnonymous()).isEqualTo(Outcome.UNAUTHENTICATED);
    assertThat(row.expectedFor(Set.of())).isEqualTo(Outcome.FORBIDDEN);
    assertThat(row.expectedFor(Set.of("approver"))).isEqualTo(Outcome.FORBIDDEN);
    assertThat(row.expectedFor(Set.of("auditor"))).isEqualTo(Outcome.ALLOWED);
    assertThat(row.expectedFor(Set.of("approver", "admin"))).isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void keepsCommasInTheDescription() {
    var row = PermissionTable.parse("POST, /api/v1/x, requester, make x, then y").getFirst();

    assertThat(row.what()).isEqualTo("make x, then y");
  }

  @Test
  void rejectsARoleTheModelDoesNotKnow() {
    assertThatThrownBy(() -> PermissionTable.parse("GET, /api/v1/x, superuser, read x"))
        .hasMessageContaining("superuser");
  }

  @Test
  void rejectsPublicMixedWithRoles() {
    assertThatThrownBy(() -> PermissionTable.parse("GET, /api/v1/x, public admin, read x"))
        .hasMessageContaining("must be 'public', 'authenticated' or roles");
  }

  @Test
  void rejectsTheSameEndpointTwice() {
    assertThatThrownBy(
            () ->
                PermissionTable.parse(
                    "GET, /api/v1/x, admin, read x\nGET, /api/v1/x, auditor, read x again"))
        .hasMessageContaining("line 2: twice GET /api/v1/x");
  }

  @Test
  void rejectsALineWithoutAllFourColumns() {
    assertThatThrownBy(() -> PermissionTable.parse("GET, /api/v1/x, admin"))
        .hasMessageContaining("line 1: expected method, path, who, what");
  }
}
