package io.custos.audit.export;

import io.custos.audit.canonical.Jcs;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Writes the log as JSON Lines, from one consistent snapshot: a header line, every checkpoint (so
 * that a verifier streaming the entries knows where to stop and compare roots), then every entry in
 * sequence order. Rows are copied as stored, never re-derived, so that the export shows what the
 * database holds, damage included.
 *
 * <pre>
 * {"format":"custos-audit-log/1","kind":"header"}
 * {"kind":"checkpoint","note":"&lt;signed note&gt;","size":n}
 * {"chain":"&lt;hex&gt;","entry":{&lt;canonical entry&gt;},"kind":"entry","leaf":"&lt;hex&gt;","seq":n}
 * </pre>
 */
public final class JsonLinesExporter {

  /** The value of the header's {@code format} field. */
  public static final String FORMAT = "custos-audit-log/1";

  private static final String CHECKPOINTS =
      "SELECT tree_size, note FROM audit_checkpoint ORDER BY tree_size, id";
  private static final String ENTRIES =
      "SELECT seq, entry, leaf_hash, chain_hash FROM audit_entry ORDER BY seq";

  private JsonLinesExporter() {}

  /**
   * Exports through {@code c}, which must not be in a transaction of the caller's: the export runs
   * in its own repeatable-read, read-only transaction and streams entries with a cursor.
   *
   * @return the number of entries written
   */
  public static long export(Connection c, Writer out) throws SQLException, IOException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      out.write("{\"format\":\"" + FORMAT + "\",\"kind\":\"header\"}\n");
      writeCheckpoints(c, out);
      long n = writeEntries(c, out);
      c.commit();
      out.flush();
      return n;
    } finally {
      c.rollback();
      c.setReadOnly(false);
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(autoCommit);
    }
  }

  private static void writeCheckpoints(Connection c, Writer out) throws SQLException, IOException {
    try (PreparedStatement ps = c.prepareStatement(CHECKPOINTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        StringBuilder line = new StringBuilder("{\"kind\":\"checkpoint\",\"note\":");
        Jcs.writeString(rs.getString(2), line);
        line.append(",\"size\":").append(rs.getLong(1)).append("}\n");
        out.write(line.toString());
      }
    }
  }

  private static long writeEntries(Connection c, Writer out) throws SQLException, IOException {
    HexFormat hex = HexFormat.of();
    long n = 0;
    try (PreparedStatement ps = c.prepareStatement(ENTRIES)) {
      ps.setFetchSize(2_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.write("{\"chain\":\"");
          out.write(hex.formatHex(rs.getBytes(4)));
          out.write("\",\"entry\":");
          out.write(rs.getString(2));
          out.write(",\"kind\":\"entry\",\"leaf\":\"");
          out.write(hex.formatHex(rs.getBytes(3)));
          out.write("\",\"seq\":");
          out.write(Long.toString(rs.getLong(1)));
          out.write("}\n");
          n++;
        }
      }
    }
    return n;
  }
}
