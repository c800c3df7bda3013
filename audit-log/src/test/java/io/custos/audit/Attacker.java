package io.custos.audit;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.checkpoint.CheckpointMaker;
import io.custos.audit.merkle.MerkleFrontier;
import io.custos.audit.merkle.Rfc6962;
import io.custos.audit.merkle.TreeNode;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.store.LogStore;
import io.custos.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A database superuser who turns the triggers off and knows the hashing rules: everything the
 * verifier has to catch without a secret of its own.
 */
final class Attacker {

  private final TestDatabase db;

  Attacker(TestDatabase db) {
    this.db = db;
  }

  void sql(String... statements) throws SQLException {
    PgLog.tamper(db, statements);
  }

  /** The stored entry texts by sequence number. */
  TreeMap<Long, String> entries() throws SQLException {
    TreeMap<Long, String> out = new TreeMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, entry FROM audit_entry ORDER BY seq")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  /** The chain hash stored at a sequence number. */
  Hash chainAt(long seq) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT chain_hash FROM audit_entry WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Hash(rs.getBytes(1));
      }
    }
  }

  /**
   * Replaces every entry with {@code texts}, recomputing leaves, chain and tree nodes; and, if
   * {@code forger} is given, replaces every checkpoint with one of the same size over the new root,
   * signed by the forger.
   */
  void rewrite(TreeMap<Long, String> texts, CheckpointMaker forger) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET session_replication_role = replica");
      List<Long> sizes = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT tree_size FROM audit_checkpoint ORDER BY id")) {
        while (rs.next()) {
          sizes.add(rs.getLong(1));
        }
      }
      s.execute("DELETE FROM audit_tree_node");
      MerkleFrontier frontier = MerkleFrontier.empty();
      TreeMap<Long, Hash> roots = new TreeMap<>();
      roots.put(0L, frontier.root());
      Hash chain = Hash.ZERO;
      List<TreeNode> nodes = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE audit_entry SET entry = ?, leaf_hash = ?, chain_hash = ? WHERE seq = ?")) {
        for (var e : texts.entrySet()) {
          Hash leaf = Rfc6962.leaf(e.getValue().getBytes(StandardCharsets.UTF_8));
          chain = Rfc6962.chain(chain, leaf);
          nodes.addAll(frontier.append(leaf));
          roots.put(frontier.size(), frontier.root());
          ps.setString(1, e.getValue());
          ps.setBytes(2, leaf.bytes());
          ps.setBytes(3, chain.bytes());
          ps.setLong(4, e.getKey());
          ps.executeUpdate();
        }
      }
      LogStore.insertNodes(c, nodes);
      if (forger != null) {
        s.execute("DELETE FROM audit_checkpoint");
        for (long size : sizes) {
          Checkpoint forged = forger.make(size, roots.get(size), java.time.Instant.now());
          CheckpointStore.insert(c, forged);
        }
      }
      c.commit();
    }
  }
}
