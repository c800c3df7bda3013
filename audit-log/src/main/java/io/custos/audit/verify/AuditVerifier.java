package io.custos.audit.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The independent verifier: checks a live database or a JSON Lines export without trusting the
 * writer. It recomputes every leaf from the entry, the chain, the Merkle root at every checkpoint,
 * each checkpoint's signature against the given public key, and agreement with a trusted earlier
 * checkpoint the auditor kept. Its hashing, canonical JSON and tree code are its own.
 */
public final class AuditVerifier {

  private final VerifierKey key;
  private final NoteCheckpoint trusted;

  /**
   * @param key the checkpoint public key the auditor trusts
   * @param trustedCheckpoint a signed checkpoint note the auditor kept from earlier, if any
   * @throws IllegalArgumentException if the trusted note cannot be parsed
   */
  public AuditVerifier(VerifierKey key, Optional<String> trustedCheckpoint) {
    this.key = key;
    this.trusted = trustedCheckpoint.map(NoteCheckpoint::parse).orElse(null);
  }

  /** Verifies a JSON Lines export. */
  public VerificationReport verifyExport(Path file) throws IOException {
    VerifierPass pass = new VerifierPass(key, trusted);
    try (LineReader in = new LineReader(Files.newInputStream(file))) {
      byte[] header = in.next();
      if (header == null || !utf8(header).contains("\"custos-audit-log/1\"")) {
        pass.sourceFault(FaultKind.UNREADABLE, "not a custos-audit-log/1 export");
        return pass.finish();
      }
      Batches<byte[]> entries = new Batches<>(line -> prepareExportEntry(utf8(line)), pass);
      byte[] line;
      while ((line = in.next()) != null) {
        if (entries.started()) {
          if (!entries.add(line)) {
            break;
          }
        } else if (!checkpointLine(utf8(line), pass)) {
          entries.add(line);
        }
      }
      entries.flush();
    }
    return pass.finish();
  }

  /** Verifies the log in a database, in one repeatable-read, read-only transaction on {@code c}. */
  public VerificationReport verifyDatabase(Connection c) throws SQLException {
    VerifierPass pass = new VerifierPass(key, trusted);
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      try (PreparedStatement ps =
              c.prepareStatement("SELECT note FROM audit_checkpoint ORDER BY tree_size, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pass.checkpoint(rs.getString(1));
        }
      }
      pass.begin();
      databaseEntries(c, pass);
      return pass.finish();
    } finally {
      c.rollback();
    }
  }

  private static void databaseEntries(Connection c, VerifierPass pass) throws SQLException {
    String sql =
        "SELECT seq, entry, leaf_hash, chain_hash, entry_type, actor FROM audit_entry ORDER BY seq";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(5_000);
      try (ResultSet rs = ps.executeQuery()) {
        Batches<Row> rows = new Batches<>(AuditVerifier::prepareRow, pass);
        while (rs.next()) {
          Row row =
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getBytes(3),
                  rs.getBytes(4),
                  rs.getString(5),
                  rs.getString(6));
          if (!rows.add(row)) {
            return;
          }
        }
        rows.flush();
      }
    }
  }

  /** Handles a checkpoint line; false (and nothing done) if the line is not one. */
  private static boolean checkpointLine(String line, VerifierPass pass) {
    try {
      Map<String, String> m = JsonCanon.members(line);
      if ("\"checkpoint\"".equals(m.get("kind"))) {
        pass.checkpoint(JsonCanon.string(m.get("note")));
        return true;
      }
    } catch (JsonCanon.Malformed | NullPointerException e) {
      // Not a checkpoint: the entry stage reports what is wrong with it, with its position.
    }
    return false;
  }

  private static Prepared prepareExportEntry(String line) {
    Map<String, String> m = new java.util.HashMap<>();
    Map<String, java.util.TreeMap<String, String>> nested;
    try {
      nested = JsonCanon.membersWithNested(line, m);
    } catch (JsonCanon.Malformed e) {
      return Prepared.failed(FaultKind.MALFORMED_ENTRY, "a line is not JSON: " + e.getMessage());
    }
    String kind = m.get("kind");
    if ("\"checkpoint\"".equals(kind)) {
      return Prepared.failed(FaultKind.MALFORMED_CHECKPOINT, "checkpoint listed after entries");
    }
    String entry = m.get("entry");
    if (!"\"entry\"".equals(kind) || entry == null || !entry.startsWith("{")) {
      return Prepared.failed(FaultKind.MALFORMED_ENTRY, "a line is neither checkpoint nor entry");
    }
    try {
      byte[] leaf = HexFormat.of().parseHex(JsonCanon.string(m.get("leaf")));
      byte[] chain = HexFormat.of().parseHex(JsonCanon.string(m.get("chain")));
      long seq = JsonCanon.integer(m.get("seq"));
      return Prepared.of(
          new RawEntry(seq, entry, nested.get("entry"), false, leaf, chain, null, null));
    } catch (JsonCanon.Malformed | IllegalArgumentException | NullPointerException e) {
      return Prepared.failed(FaultKind.MALFORMED_ENTRY, "bad seq, leaf or chain in an entry line");
    }
  }

  private static Prepared prepareRow(Row row) {
    return Prepared.of(
        new RawEntry(
            row.seq(), row.text(), null, true, row.leaf(), row.chain(), row.type(), row.actor()));
  }

  private static String utf8(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  private record Row(long seq, String text, byte[] leaf, byte[] chain, String type, String actor) {}
}
