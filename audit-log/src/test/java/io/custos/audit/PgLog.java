package io.custos.audit;

import io.custos.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Test helper: migrates the shipped schema into a test database and opens logs on it. */
public final class PgLog {

  private PgLog() {}

  /**
   * Applies {@code classpath:db/audit} with Flyway, as the service does; the login role is both the
   * owner and the runtime role the grants go to.
   */
  public static void migrate(TestDatabase db) {
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations("classpath:db/audit")
        .placeholders(Map.of("runtime_role", db.user()))
        .load()
        .migrate();
  }

  /** A log with checkpoints every {@code every} entries (time trigger effectively off). */
  public static AuditLog open(TestDatabase db, SoftwareSigner signer, long every) {
    AuditLogConfig config =
        AuditLogConfig.defaults("custos.test/audit").withCheckpoints(every, Duration.ofHours(1));
    return new AuditLog(db.dataSource(), config, signer, Clock.systemUTC());
  }

  /** Runs SQL as the superuser with the log's triggers disabled: the attacker of the tests. */
  public static void tamper(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
