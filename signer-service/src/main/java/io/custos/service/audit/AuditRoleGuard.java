package io.custos.service.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Refuses to start the service on a database role that could rewrite the audit log. The log's
 * triggers refuse UPDATE, DELETE and TRUNCATE, but a table's owner can disable or drop them, and a
 * superuser can switch them off for a session: the role the service runs as must own none of the
 * audit tables nor the functions their triggers call, must not be a superuser, and may only read
 * and append (and consume the inbox). The migrations grant exactly that when they run as a separate
 * owner role (docs/operations.md §4).
 */
public final class AuditRoleGuard {

  private static final List<String> LOG_TABLES =
      List.of("audit_entry", "audit_tree_node", "audit_checkpoint");
  private static final String INBOX = "audit_inbox";

  private static final String TABLE_POWERS =
      "SELECT pg_has_role(current_user, c.relowner, 'MEMBER'), has_table_privilege(c.oid, 'UPDATE'),"
          + " has_table_privilege(c.oid, 'DELETE'), has_table_privilege(c.oid, 'TRUNCATE'),"
          + " has_table_privilege(c.oid, 'TRIGGER')"
          + " FROM pg_class c WHERE c.oid = to_regclass(?)";
  private static final String OWNED_TRIGGER_FUNCTIONS =
      "SELECT DISTINCT p.proname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
          + " WHERE t.tgrelid IN (SELECT to_regclass(unnest(?::text[]))) AND NOT t.tgisinternal"
          + " AND pg_has_role(current_user, p.proowner, 'MEMBER') ORDER BY 1";

  private AuditRoleGuard() {}

  /**
   * Throws, naming every power the runtime role has over the log beyond reading and appending, and
   * what to configure instead, unless it has none.
   */
  public static void requireAppendOnly(DataSource runtime) {
    try (Connection c = runtime.getConnection()) {
      String role = currentUser(c);
      List<String> powers = powers(c);
      if (!powers.isEmpty()) {
        throw new IllegalStateException(
            "the service's database role '"
                + role
                + "' could change the audit log ("
                + String.join("; ", powers)
                + "). Run the migrations as the schema's owner (quarkus.flyway.username and"
                + " quarkus.flyway.password) and the service as a role that owns nothing"
                + " (quarkus.datasource.username): see docs/operations.md, section 4");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the service's rights on the audit log", e);
    }
  }

  /** What the connection's role may do to the audit tables beyond reading and appending. */
  private static List<String> powers(Connection c) throws SQLException {
    if (isSuperuser(c)) {
      return List.of("it is a superuser, past every grant and trigger");
    }
    List<String> powers = new ArrayList<>();
    List<String> tables = new ArrayList<>(LOG_TABLES);
    tables.add(INBOX);
    for (String table : tables) {
      powers.addAll(tablePowers(c, table));
    }
    for (String function : ownedTriggerFunctions(c, tables)) {
      powers.add("owns " + function + "(), which the audit triggers call");
    }
    return powers;
  }

  private static List<String> tablePowers(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(TABLE_POWERS)) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return List.of(table + " does not exist: the audit log's migrations have not run");
        }
        if (rs.getBoolean(1)) {
          return List.of("owns " + table); // and so may do anything to it
        }
        List<String> powers = new ArrayList<>();
        addIf(powers, rs.getBoolean(2), "may UPDATE " + table);
        addIf(powers, rs.getBoolean(3) && !table.equals(INBOX), "may DELETE from " + table);
        addIf(powers, rs.getBoolean(4), "may TRUNCATE " + table);
        addIf(powers, rs.getBoolean(5), "may create triggers on " + table);
        return powers;
      }
    }
  }

  private static List<String> ownedTriggerFunctions(Connection c, List<String> tables)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(OWNED_TRIGGER_FUNCTIONS)) {
      ps.setArray(1, c.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static void addIf(List<String> powers, boolean condition, String power) {
    if (condition) {
      powers.add(power);
    }
  }

  private static String currentUser(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT current_user");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean isSuperuser(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
