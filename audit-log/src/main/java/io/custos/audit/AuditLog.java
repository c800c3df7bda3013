package io.custos.audit;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.checkpoint.CheckpointMaker;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.export.JsonLinesExporter;
import io.custos.audit.merkle.NodeId;
import io.custos.audit.merkle.ProofBuilder;
import io.custos.audit.proof.ConsistencyProof;
import io.custos.audit.proof.InclusionProof;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.store.InboxStore;
import io.custos.audit.store.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The audit log of one database: what the service calls.
 *
 * <p>Writing is two-stage. {@link #append(Connection, AuditEvent)} puts an event in the inbox
 * inside the caller's transaction, so the event commits or rolls back with the caller's state
 * change; {@link #append(AuditEvent)} does the same in a shared group commit. The {@link
 * #sequencer()} (one per database, elected) then numbers inbox events gap-free, hashes, chains and
 * checkpoints them. The schema ({@code classpath:db/audit}) must have been migrated.
 */
public final class AuditLog implements AutoCloseable {

  private final DataSource dataSource;
  private final CheckpointMaker checkpoints;
  private final Clock clock;
  private final Sequencer sequencer;
  private final GroupCommitter groupCommitter;

  /**
   * @param dataSource the database holding the audit schema
   * @param config settings
   * @param signer the checkpoint key
   * @param clock the time written on checkpoints
   */
  public AuditLog(
      DataSource dataSource, AuditLogConfig config, CheckpointSigner signer, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.checkpoints = new CheckpointMaker(config.origin(), signer);
    this.sequencer = new Sequencer(dataSource, config, checkpoints, clock);
    this.groupCommitter =
        new GroupCommitter(
            dataSource, config.groupCommitMax(), config.groupCommitWriters(), sequencer::wakeUp);
    groupCommitter.start();
  }

  /**
   * Records an event in the caller's transaction: it reaches the log if and only if {@code tx}
   * commits. Sequence number and hashes come later, from the sequencer.
   *
   * @return the inbox id of the event
   */
  public long append(Connection tx, AuditEvent event) {
    try {
      return InboxStore.insert(tx, event);
    } catch (SQLException e) {
      throw new AuditStoreException("audit append failed", e);
    }
  }

  /**
   * Records an event in a group commit shared with concurrent appends.
   *
   * @return completes once the event is durably in the inbox, or exceptionally
   */
  public CompletableFuture<Void> append(AuditEvent event) {
    return groupCommitter.submit(event);
  }

  /** The sequencer of this instance; the service starts it at boot and stops it at shutdown. */
  public Sequencer sequencer() {
    return sequencer;
  }

  /** The number of sequenced entries, as committed. */
  public long size() {
    try (Connection c = dataSource.getConnection()) {
      return LogStore.head(c).size();
    } catch (SQLException e) {
      throw new AuditStoreException("reading the audit log head failed", e);
    }
  }

  /**
   * Signs and stores a checkpoint of the log as committed now, whichever instance is sequencing.
   */
  public Checkpoint checkpoint() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long size = LogStore.head(c).size();
        Hash root = new ProofBuilder(ids -> hashes(c, ids)).root(size);
        Checkpoint cp = checkpoints.make(size, root, clock.instant());
        CheckpointStore.insert(c, cp);
        c.commit();
        return cp;
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new AuditStoreException("making a checkpoint failed", e);
    }
  }

  /** The checkpoint of the largest size, if any. */
  public Optional<Checkpoint> latestCheckpoint() {
    try (Connection c = dataSource.getConnection()) {
      return Optional.ofNullable(CheckpointStore.latest(c));
    } catch (SQLException e) {
      throw new AuditStoreException("reading checkpoints failed", e);
    }
  }

  /**
   * The sequence number the sequencer gave the event with this inbox id (as returned by {@link
   * #append(Connection, AuditEvent)}), once it has.
   */
  public Optional<Long> sequenceOf(long inboxId) {
    String sql = "SELECT seq FROM audit_entry WHERE inbox_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, inboxId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new AuditStoreException("looking up inbox event " + inboxId + " failed", e);
    }
  }

  /** An entry as stored, if sequenced. */
  public Optional<LoggedEntry> entry(long seq) {
    String sql = "SELECT entry, leaf_hash, chain_hash FROM audit_entry WHERE seq = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LoggedEntry(
                seq, rs.getString(1), new Hash(rs.getBytes(2)), new Hash(rs.getBytes(3))));
      }
    } catch (SQLException e) {
      throw new AuditStoreException("reading entry " + seq + " failed", e);
    }
  }

  /** The inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries. */
  public InclusionProof inclusionProof(long seq, long treeSize) {
    try (Connection c = dataSource.getConnection()) {
      return new ProofBuilder(ids -> hashes(c, ids)).inclusion(seq, treeSize);
    } catch (SQLException e) {
      throw new AuditStoreException("building an inclusion proof failed", e);
    }
  }

  /** The consistency proof between the trees of {@code fromSize} and {@code toSize} entries. */
  public ConsistencyProof consistencyProof(long fromSize, long toSize) {
    try (Connection c = dataSource.getConnection()) {
      return new ProofBuilder(ids -> hashes(c, ids)).consistency(fromSize, toSize);
    } catch (SQLException e) {
      throw new AuditStoreException("building a consistency proof failed", e);
    }
  }

  /**
   * Writes the whole log as JSON Lines (see {@link JsonLinesExporter}).
   *
   * @return the number of entries written
   */
  public long export(Writer out) {
    try (Connection c = dataSource.getConnection()) {
      return JsonLinesExporter.export(c, out);
    } catch (SQLException e) {
      throw new AuditStoreException("exporting the audit log failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the sequencer and writes the appends still queued. */
  @Override
  public void close() {
    sequencer.stop();
    groupCommitter.stop();
  }

  private static Map<NodeId, Hash> hashes(Connection c, Set<NodeId> ids) {
    try {
      return LogStore.hashes(c, ids);
    } catch (SQLException e) {
      throw new AuditStoreException("reading tree nodes failed", e);
    }
  }
}
