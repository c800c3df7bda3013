package io.custos.audit.store;

import io.custos.audit.AuditEntry;
import io.custos.audit.Hash;
import io.custos.audit.merkle.NodeId;
import io.custos.audit.merkle.TreeNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL on {@code audit_entry} and {@code audit_tree_node}. */
public final class LogStore {

  private static final String INSERT_ENTRIES =
      "INSERT INTO audit_entry"
          + " (seq, inbox_id, recorded_at, entry_type, actor, entry, leaf_hash, chain_hash)"
          + " SELECT s, i, t, ty, a, e, decode(l, 'hex'), decode(ch, 'hex') FROM unnest("
          + "?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[]) AS u(s, i, t, ty, a, e, l, ch)";
  private static final String INSERT_NODES =
      "INSERT INTO audit_tree_node (level, idx, hash)"
          + " SELECT lv, ix, decode(h, 'hex') FROM unnest(?::smallint[], ?::bigint[], ?::text[])"
          + " AS u(lv, ix, h)";
  private static final String HEAD =
      "SELECT seq, chain_hash FROM audit_entry ORDER BY seq DESC LIMIT 1";
  private static final String LEAVES =
      "SELECT seq, leaf_hash FROM audit_entry WHERE seq = ANY (?::bigint[])";
  private static final String NODES =
      "SELECT n.level, n.idx, n.hash FROM audit_tree_node n"
          + " JOIN unnest(?::smallint[], ?::bigint[]) AS w(lv, ix) ON n.level = w.lv AND n.idx = w.ix";

  private LogStore() {}

  /**
   * The log's head as committed: its size and last chain hash ({@link Hash#ZERO} when empty).
   *
   * @param c a connection
   */
  public static LogHead head(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(HEAD);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return new LogHead(0, Hash.ZERO);
      }
      return new LogHead(rs.getLong(1) + 1, new Hash(rs.getBytes(2)));
    }
  }

  /** Inserts sequenced entries, with their inbox ids, in one statement. */
  public static void insertEntries(Connection c, List<AuditEntry> entries, long[] inboxIds)
      throws SQLException {
    int n = entries.size();
    Long[] seqs = new Long[n];
    Long[] ids = new Long[n];
    Timestamp[] times = new Timestamp[n];
    String[] types = new String[n];
    String[] actors = new String[n];
    String[] texts = new String[n];
    String[] leaves = new String[n];
    String[] chains = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      seqs[i] = e.seq();
      ids[i] = inboxIds[i];
      times[i] = Timestamp.from(e.event().time());
      types[i] = e.event().type().name();
      actors[i] = e.event().actor().id();
      texts[i] = e.canonical();
      leaves[i] = e.leaf().hex();
      chains[i] = e.chain().hex();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_ENTRIES)) {
      ps.setArray(1, c.createArrayOf("bigint", seqs));
      ps.setArray(2, c.createArrayOf("bigint", ids));
      ps.setArray(3, c.createArrayOf("timestamptz", times));
      ps.setArray(4, c.createArrayOf("text", types));
      ps.setArray(5, c.createArrayOf("text", actors));
      ps.setArray(6, c.createArrayOf("text", texts));
      ps.setArray(7, c.createArrayOf("text", leaves));
      ps.setArray(8, c.createArrayOf("text", chains));
      ps.executeUpdate();
    }
  }

  /** Inserts interior tree nodes in one statement. */
  public static void insertNodes(Connection c, List<TreeNode> nodes) throws SQLException {
    if (nodes.isEmpty()) {
      return;
    }
    int n = nodes.size();
    Short[] levels = new Short[n];
    Long[] indexes = new Long[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      levels[i] = (short) nodes.get(i).id().level();
      indexes[i] = nodes.get(i).id().index();
      hashes[i] = nodes.get(i).hash().hex();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_NODES)) {
      ps.setArray(1, c.createArrayOf("smallint", levels));
      ps.setArray(2, c.createArrayOf("bigint", indexes));
      ps.setArray(3, c.createArrayOf("text", hashes));
      ps.executeUpdate();
    }
  }

  /**
   * Reads the hashes of perfect subtrees: leaves from the entries, the rest from the node table.
   *
   * @throws IllegalStateException if one is missing
   */
  public static Map<NodeId, Hash> hashes(Connection c, Set<NodeId> ids) throws SQLException {
    List<Long> leafSeqs = new ArrayList<>();
    List<Short> levels = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    for (NodeId id : ids) {
      if (id.level() == 0) {
        leafSeqs.add(id.index());
      } else {
        levels.add((short) id.level());
        indexes.add(id.index());
      }
    }
    Map<NodeId, Hash> out = new HashMap<>();
    if (!leafSeqs.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(LEAVES)) {
        ps.setArray(1, c.createArrayOf("bigint", leafSeqs.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(new NodeId(0, rs.getLong(1)), new Hash(rs.getBytes(2)));
          }
        }
      }
    }
    if (!levels.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(NODES)) {
        ps.setArray(1, c.createArrayOf("smallint", levels.toArray()));
        ps.setArray(2, c.createArrayOf("bigint", indexes.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(new NodeId(rs.getShort(1), rs.getLong(2)), new Hash(rs.getBytes(3)));
          }
        }
      }
    }
    if (out.size() != ids.size()) {
      throw new IllegalStateException(
          "the log lacks " + (ids.size() - out.size()) + " of the tree nodes asked for");
    }
    return out;
  }
}
