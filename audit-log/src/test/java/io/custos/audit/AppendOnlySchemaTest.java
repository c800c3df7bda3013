package io.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.audit.store.InboxStore;
import io.custos.testsupport.PostgresExtension;
import io.custos.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The log tables are append-only in PostgreSQL itself, for the service role and the owner. */
@ExtendWith(PostgresExtension.class)
class AppendOnlySchemaTest {

  private static final List<String> LOG_TABLES =
      List.of("audit_entry", "audit_tree_node", "audit_checkpoint");

  private static TestDatabase db;
  private static String serviceRole;

  @BeforeAll
  static void fillLogAndCreateServiceRole(TestDatabase database) throws Exception {
    db = database;
    PgLog.migrate(db);
    try (AuditLog log = PgLog.open(db, SoftwareSigner.generate("test-key"), 1_000)) {
      log.sequencer().start();
      for (int i = 0; i < 10; i++) {
        log.append(Events.sample(i)).join();
      }
      assertThat(log.sequencer().awaitSize(10, Duration.ofSeconds(20))).isTrue();
      log.checkpoint();
    }
    serviceRole =
        "custos_audit_svc_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    sql(
        "CREATE ROLE " + serviceRole + " NOLOGIN",
        // The grants docs/audit.md gives the service role.
        "GRANT SELECT, INSERT ON audit_entry, audit_tree_node, audit_checkpoint TO " + serviceRole,
        "GRANT SELECT, INSERT, DELETE ON audit_inbox TO " + serviceRole,
        "GRANT USAGE ON SEQUENCE audit_inbox_id_seq, audit_checkpoint_id_seq TO " + serviceRole);
  }

  @AfterAll
  static void dropServiceRole() throws SQLException {
    sql("DROP OWNED BY " + serviceRole, "DROP ROLE " + serviceRole);
  }

  @Test
  void serviceRoleCannotUpdateDeleteOrTruncateTheLog() throws SQLException {
    for (String table : LOG_TABLES) {
      assertRefusedAsService("UPDATE " + table + " SET " + column(table) + " = " + column(table));
      assertRefusedAsService("DELETE FROM " + table);
      assertRefusedAsService("TRUNCATE " + table);
    }
  }

  @Test
  void serviceRoleCanReadAndAppendToTheInbox() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET ROLE " + serviceRole);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(10);
      }
      InboxStore.insert(c, Events.sample(99));
      c.rollback();
    }
  }

  @Test
  void evenTheOwnerCannotUpdateDeleteOrTruncateTheLog() throws SQLException {
    for (String table : LOG_TABLES) {
      assertRejectedByTrigger("UPDATE " + table + " SET " + column(table) + " = " + column(table));
      assertRejectedByTrigger("DELETE FROM " + table);
      assertRejectedByTrigger("TRUNCATE " + table);
    }
    assertThat(count("audit_entry")).isEqualTo(10);
  }

  @Test
  void anInboxEventCannotBeDeletedBeforeItIsOnTheLog() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      long id = InboxStore.insert(c, Events.sample(100));
      assertThatThrownBy(() -> s.execute("DELETE FROM audit_inbox WHERE id = " + id))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("not on the log yet");
      c.rollback();
    }
  }

  private static String column(String table) {
    return switch (table) {
      case "audit_entry" -> "entry";
      case "audit_tree_node" -> "hash";
      default -> "note";
    };
  }

  private static void assertRefusedAsService(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + serviceRole);
      assertThatThrownBy(() -> s.execute(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  private static void assertRejectedByTrigger(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }

  private static long count(String table) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
