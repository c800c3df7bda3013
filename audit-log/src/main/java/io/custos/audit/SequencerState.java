package io.custos.audit;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.merkle.MerkleFrontier;
import io.custos.audit.merkle.NodeId;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.store.LogHead;
import io.custos.audit.store.LogStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What the elected sequencer keeps in memory: the head of the log, the right edge of its tree and
 * when it was last checkpointed. Replaced as a whole after each committed batch.
 *
 * @param head size and last chain hash
 * @param frontier the tree's peaks at that size
 * @param checkpointedSize size of the latest checkpoint
 * @param checkpointedAt when the sequencer last made (or found) a checkpoint
 */
record SequencerState(
    LogHead head, MerkleFrontier frontier, long checkpointedSize, Instant checkpointedAt) {

  /** Reads the state from the database, as the newly elected sequencer. */
  static SequencerState load(Connection c, Instant now) throws SQLException {
    LogHead head = LogStore.head(c);
    List<NodeId> peaks = MerkleFrontier.peakIds(head.size());
    Map<NodeId, Hash> hashes = LogStore.hashes(c, new HashSet<>(peaks));
    List<Hash> ordered = new ArrayList<>();
    peaks.forEach(id -> ordered.add(hashes.get(id)));
    Checkpoint latest = CheckpointStore.latest(c);
    long cpSize = latest == null ? 0 : latest.size();
    Instant cpAt = latest == null ? now : latest.time();
    return new SequencerState(head, MerkleFrontier.of(head.size(), ordered), cpSize, cpAt);
  }

  /** Whether a checkpoint is due for a log of {@code size} entries at {@code now}. */
  boolean checkpointDue(long size, Instant now, AuditLogConfig config) {
    if (size <= checkpointedSize) {
      return false;
    }
    return size - checkpointedSize >= config.checkpointEvery()
        || !now.isBefore(checkpointedAt.plus(config.checkpointInterval()));
  }
}
