package io.custos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's two database roles, set up on the database an older demo left behind. */
class ServiceRolesMainTest {

  @Test
  void handsAnOlderDemosTablesToTheOwnerAndLeavesTheServiceRoleOwningNothing(@TempDir Path dir)
      throws Exception {
    Path ownerPassword = Files.writeString(dir.resolve("owner.pw"), "owner-pw\n");
    Path runtimePassword = Files.writeString(dir.resolve("service.pw"), "service-pw\n");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      int port = pg.getPort();
      try (Connection c = connect(port, "postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE wallet (id bigserial PRIMARY KEY)");
        s.execute("CREATE SEQUENCE request_event_seq");
        s.execute("CREATE FUNCTION reject() RETURNS int LANGUAGE sql AS 'SELECT 1'");
      }
      String[] args = {
        Integer.toString(port),
        "postgres",
        "custos_owner",
        ownerPassword.toString(),
        "custos_service",
        runtimePassword.toString()
      };

      ServiceRolesMain.main(args);
      ServiceRolesMain.main(args); // again, as at every start of the stack

      try (Connection c = connect(port, "postgres");
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT array_agg(DISTINCT relowner::regrole::text) FROM pg_class"
                      + " WHERE relnamespace = 'public'::regnamespace)::text,"
                      + " (SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'reject'),"
                      + " (SELECT nspowner::regrole::text FROM pg_namespace"
                      + " WHERE nspname = 'public')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("{custos_owner}");
        assertThat(rs.getString(2)).isEqualTo("custos_owner");
        assertThat(rs.getString(3)).isEqualTo("custos_owner");
      }
      try (Connection c = connect(port, "custos_service");
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute("CREATE TABLE planted (v text)"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied for schema public");
      }
    }
  }

  private static Connection connect(int port, String user) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user);
  }
}
