package io.custos.service.support;

import java.sql.SQLException;
import javax.sql.DataSource;

/** Counts read straight from the service's database, for tests that check what was written. */
public final class Counts {

  private Counts() {}

  /** The single number a {@code SELECT count(*) ... WHERE x = ?} returns for {@code params}. */
  public static long of(DataSource db, String sql, Object... params) throws SQLException {
    try (var c = db.getConnection();
        var s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Audit entries of {@code type} whose payload mentions {@code text} (an id), sequenced or still
   * in the inbox.
   */
  public static long auditEntriesMentioning(DataSource db, String type, String text)
      throws SQLException {
    String like = "%" + text + "%";
    return of(
        db,
        "SELECT (SELECT count(*) FROM audit_entry WHERE entry_type = ? AND entry LIKE ?)"
            + " + (SELECT count(*) FROM audit_inbox i WHERE entry_type = ? AND payload LIKE ?"
            + " AND NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.inbox_id = i.id))",
        type,
        like,
        type,
        like);
  }

  /**
   * Audit entries of {@code type} about the request, sequenced or still in the inbox (the sequencer
   * numbers committed events a moment after their transaction).
   */
  public static long auditEntries(DataSource db, String type, String requestId)
      throws SQLException {
    String subject = "%\"request:" + requestId + "\"%";
    try (var c = db.getConnection();
        var s =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM audit_entry WHERE entry_type = ? AND entry LIKE ?)"
                    + " + (SELECT count(*) FROM audit_inbox i WHERE entry_type = ?"
                    + " AND subjects LIKE ? AND NOT EXISTS"
                    + " (SELECT 1 FROM audit_entry e WHERE e.inbox_id = i.id))")) {
      s.setString(1, type);
      s.setString(2, subject);
      s.setString(3, type);
      s.setString(4, subject);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
