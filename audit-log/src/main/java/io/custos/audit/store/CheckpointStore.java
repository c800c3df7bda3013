package io.custos.audit.store;

import io.custos.audit.Hash;
import io.custos.audit.checkpoint.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** SQL on {@code audit_checkpoint}. */
public final class CheckpointStore {

  private static final String INSERT =
      "INSERT INTO audit_checkpoint (origin, tree_size, root_hash, made_at, key_name, note)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String COLUMNS = "origin, tree_size, root_hash, made_at, key_name, note";
  private static final String ALL =
      "SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY tree_size, id";
  private static final String LATEST =
      "SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY tree_size DESC, id DESC LIMIT 1";

  private CheckpointStore() {}

  /** Stores a signed checkpoint. */
  public static void insert(Connection c, Checkpoint cp) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, cp.origin());
      ps.setLong(2, cp.size());
      ps.setBytes(3, cp.root().bytes());
      ps.setTimestamp(4, Timestamp.from(cp.time()));
      ps.setString(5, cp.keyName());
      ps.setString(6, cp.note());
      ps.executeUpdate();
    }
  }

  /** Every checkpoint, by size. */
  public static List<Checkpoint> all(Connection c) throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  /** The checkpoint of the largest size, or null when there is none. */
  public static Checkpoint latest(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LATEST);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? read(rs) : null;
    }
  }

  private static Checkpoint read(ResultSet rs) throws SQLException {
    return new Checkpoint(
        rs.getString(1),
        rs.getLong(2),
        new Hash(rs.getBytes(3)),
        rs.getTimestamp(4).toInstant(),
        rs.getString(5),
        rs.getString(6));
  }
}
