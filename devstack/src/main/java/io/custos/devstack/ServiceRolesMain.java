package io.custos.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the local stack's database the two roles of a deployment (docs/operations.md §4): an owner
 * that owns the schema and everything in it and runs the migrations, and the role the service runs
 * as, which owns nothing and gets its grants from the migrations. Idempotent: run before every
 * start of the service; a database of an older demo, whose tables the superuser owns, is handed to
 * the owner. Passwords are read from files (written by ./custos, 0600), never from arguments.
 *
 * <p>Usage: {@code ServiceRolesMain PORT DATABASE OWNER OWNER_PASSWORD_FILE RUNTIME
 * RUNTIME_PASSWORD_FILE}, as the embedded server's superuser {@code postgres} on 127.0.0.1.
 */
public final class ServiceRolesMain {

  private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

  private ServiceRolesMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6 || !args[1].matches(IDENTIFIER)) {
      System.err.println(
          "usage: ServiceRolesMain PORT DATABASE OWNER OWNER_PASSWORD_FILE RUNTIME"
              + " RUNTIME_PASSWORD_FILE");
      System.exit(2);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + Integer.parseInt(args[0]) + "/" + args[1];
    String owner = args[2];
    String runtime = args[4];
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      ensureRole(c, owner, Files.readString(Path.of(args[3])).strip());
      ensureRole(c, runtime, Files.readString(Path.of(args[5])).strip());
      execute(c, formatted(c, "ALTER DATABASE %I OWNER TO %I", args[1], owner));
      execute(c, formatted(c, "ALTER SCHEMA public OWNER TO %I", owner));
      execute(c, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      handOver(c, owner);
    }
  }

  private static void ensureRole(Connection c, String role, String password) throws SQLException {
    if (!role.matches(IDENTIFIER) || password.isEmpty()) {
      throw new IllegalArgumentException("a role needs a lower-case name and a password: " + role);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          execute(c, formatted(c, "CREATE ROLE %I LOGIN", role));
        }
      }
    }
    execute(c, formatted(c, "ALTER ROLE %I LOGIN NOSUPERUSER PASSWORD %L", role, password));
  }

  /** Gives the owner the tables, then the sequences no table owns, then the functions. */
  private static void handOver(Connection c, String owner) throws SQLException {
    String inPublicNotOwned = " = 'public'::regnamespace AND %s <> ?::regrole";
    List<String> statements = new ArrayList<>();
    statements.addAll(
        strings(
            c,
            "SELECT format('ALTER TABLE %I OWNER TO %I', relname, ?::text) FROM pg_class"
                + " WHERE relkind IN ('r', 'p', 'v', 'm') AND relnamespace"
                + inPublicNotOwned.formatted("relowner"),
            owner));
    statements.forEach(sql -> execute(c, sql));
    statements =
        strings(
            c,
            "SELECT format('ALTER SEQUENCE %I OWNER TO %I', relname, ?::text) FROM pg_class"
                + " WHERE relkind = 'S' AND relnamespace"
                + inPublicNotOwned.formatted("relowner"),
            owner);
    statements.addAll(
        strings(
            c,
            "SELECT format('ALTER FUNCTION %s OWNER TO %I', oid::regprocedure, ?::text)"
                + " FROM pg_proc WHERE pronamespace"
                + inPublicNotOwned.formatted("proowner"),
            owner));
    statements.forEach(sql -> execute(c, sql));
  }

  private static List<String> strings(Connection c, String sql, String owner) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, owner);
      ps.setString(2, owner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String formatted(Connection c, String format, String... args) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT format(?");
    for (int i = 0; i < args.length; i++) {
      sql.append(", ?::text");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.append(")").toString())) {
      ps.setString(1, format);
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 2, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused a role set-up statement", e);
    }
  }
}
