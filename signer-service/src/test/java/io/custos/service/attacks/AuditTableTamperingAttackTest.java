package io.custos.service.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.service.audit.AuditRoleGuard;
import io.custos.service.support.RealStack;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.ServiceDatabase;
import io.custos.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Attack: whoever holds the service's database credentials (a compromised service, a leaked
 * password) rewrites the audit log. The log's triggers refuse UPDATE, DELETE and TRUNCATE, but the
 * migrations ran as the service's own role, which therefore owned the tables and could simply
 * disable or drop the triggers. The service now runs as a role that owns nothing and may only read
 * and append to the log; migrations run as a separate owner role, and the service refuses to start
 * on a role that could do more ({@link AuditRoleGuard}). Nor can the role shadow the log with a
 * temporary table to delete inbox events that are not on it yet.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class AuditTableTamperingAttackTest {

  private static final List<String> LOG_TABLES =
      List.of("audit_entry", "audit_tree_node", "audit_checkpoint");

  /** The service's own connection pool, logged in as the role the service runs as. */
  @Inject DataSource db;

  @Test
  void theServicesRoleCannotChangeTheLogNorItsTriggers() throws SQLException {
    List<String> attempts = new ArrayList<>();
    for (String table : LOG_TABLES) {
      String trigger = table + "_no_update_delete";
      attempts.add("UPDATE " + table + " SET " + column(table) + " = " + column(table));
      attempts.add("DELETE FROM " + table);
      attempts.add("TRUNCATE " + table);
      attempts.add("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger);
      attempts.add("ALTER TABLE " + table + " DISABLE TRIGGER ALL");
      attempts.add("DROP TRIGGER " + trigger + " ON " + table);
      attempts.add("DROP TABLE " + table);
    }
    attempts.add("UPDATE audit_inbox SET actor = actor");
    attempts.add("TRUNCATE audit_inbox");
    attempts.add("ALTER TABLE audit_inbox DISABLE TRIGGER audit_inbox_delete_guard");
    attempts.add(
        "CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger"
            + " LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
    attempts.add("SET session_replication_role = replica");
    attempts.add("CREATE TABLE audit_entry_copy (LIKE audit_entry)");

    Map<String, String> notRefusedOnPrivileges = new LinkedHashMap<>();
    for (String sql : attempts) {
      String outcome = tryAndRollBack(sql);
      if (!outcome.startsWith("42501 ")
          || !outcome.matches("(?s).*(permission denied|must be owner).*")) {
        notRefusedOnPrivileges.put(sql, outcome);
      }
    }
    assertThat(notRefusedOnPrivileges).isEmpty();
  }

  @Test
  void aTemporaryTableCannotPassAnInboxEventOffAsLogged() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        s.execute(
            "INSERT INTO audit_inbox (recorded_at, entry_type, actor, subjects, payload)"
                + " VALUES (now(), 'test.planted', 'attacker', '[]', '{}')");
        // Temporary tables come first in the search path: this one shadows the log for the session.
        s.execute("CREATE TEMP TABLE audit_entry (inbox_id bigint) ON COMMIT DROP");
        s.execute("INSERT INTO audit_entry VALUES (currval('audit_inbox_id_seq'))");

        assertThatThrownBy(
                () -> s.execute("DELETE FROM audit_inbox WHERE id = currval('audit_inbox_id_seq')"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("is not on the log yet");
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void theServicesRoleHasNoPowerOverTheLogButReadingAndAppending() {
    assertThatCode(() -> AuditRoleGuard.requireAppendOnly(db)).doesNotThrowAnyException();
  }

  @Test
  void theServiceRefusesToRunAsTheRoleThatRanTheMigrations() {
    String name =
        "single_role_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    ServiceDatabase database = PostgresServer.shared().createServiceDatabase(name);
    try {
      // The old wiring: one role migrates (and so owns) everything and runs the service.
      TestDatabase single = database.owner();
      migrate(single, "classpath:db/service", "flyway_schema_history");
      migrate(single, "classpath:db/audit", "audit_schema_history");

      assertThatThrownBy(() -> AuditRoleGuard.requireAppendOnly(single.dataSource()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'" + single.user() + "' could change the audit log")
          .hasMessageContaining("owns audit_entry;")
          .hasMessageContaining("owns audit_reject_change(), which the audit triggers call")
          .hasMessageContaining("quarkus.flyway.username");
    } finally {
      PostgresServer.shared().dropDatabase(name);
    }
  }

  private static void migrate(TestDatabase db, String location, String historyTable) {
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations(location)
        .table(historyTable)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .placeholders(Map.of("runtime_role", db.user()))
        .load()
        .migrate();
  }

  /**
   * Runs one statement in a transaction that is rolled back even if the statement succeeds, and
   * says how it ended: the SQLSTATE and message of its error, or "succeeded".
   */
  private String tryAndRollBack(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        s.execute(sql);
        return "succeeded";
      } catch (SQLException e) {
        return e.getSQLState() + " " + e.getMessage();
      } finally {
        c.rollback();
      }
    }
  }

  private static String column(String table) {
    return switch (table) {
      case "audit_entry" -> "entry";
      case "audit_tree_node" -> "hash";
      default -> "note";
    };
  }
}
