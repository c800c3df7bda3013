package io.custos.audit;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.checkpoint.CheckpointMaker;
import io.custos.audit.merkle.MerkleFrontier;
import io.custos.audit.merkle.TreeNode;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.store.InboxRow;
import io.custos.audit.store.InboxStore;
import io.custos.audit.store.LogHead;
import io.custos.audit.store.LogStore;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The single writer of the log. Many instances may run; the one holding a PostgreSQL session
 * advisory lock numbers inbox events in batches: one transaction per batch assigns gap-free
 * sequence numbers, writes entries, chain hashes and tree nodes and removes the events from the
 * inbox; then, when due, it signs and stores a checkpoint. The others wait and retry the lock.
 *
 * <p>The sequencer keeps one connection for as long as it leads, because the lock belongs to the
 * session. With a pooled DataSource that connection stays checked out; the lock is released
 * explicitly on {@link #stop()}.
 */
public final class Sequencer {

  private static final System.Logger LOG = System.getLogger(Sequencer.class.getName());

  private final DataSource dataSource;
  private final AuditLogConfig config;
  private final CheckpointMaker checkpoints;
  private final Clock clock;
  private final Object monitor = new Object();

  private volatile boolean running;
  private volatile boolean leader;
  private volatile SequencerState state;
  private boolean wakeUp;
  private Thread thread;

  Sequencer(DataSource dataSource, AuditLogConfig config, CheckpointMaker maker, Clock clock) {
    this.dataSource = dataSource;
    this.config = config;
    this.checkpoints = maker;
    this.clock = clock;
  }

  /** Starts competing for the lock and, once elected, sequencing. Idempotent. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("custos-audit-sequencer").daemon().start(this::run);
  }

  /** Stops sequencing and releases the lock; waits for the batch in flight. */
  public synchronized void stop() {
    running = false;
    wakeUp();
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Whether this instance holds the lock. */
  public boolean isLeader() {
    return leader;
  }

  /** Asks for a look at the inbox now rather than after the idle poll. */
  public void wakeUp() {
    synchronized (monitor) {
      wakeUp = true;
      monitor.notifyAll();
    }
  }

  /**
   * Waits until this instance, as leader, has sequenced at least {@code size} entries.
   *
   * @return whether it got there within the timeout
   */
  public boolean awaitSize(long size, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (sequencedSize() < size) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Entries sequenced as far as this instance knows; -1 until it has led. */
  public long sequencedSize() {
    SequencerState s = state;
    return s == null ? -1 : s.head().size();
  }

  private void run() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        if (tryLock(c)) {
          try {
            lead(c);
          } finally {
            leader = false;
            release(c);
          }
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "audit sequencer lost its footing; re-electing", e);
      }
      if (running) {
        idle(config.electionRetry());
      }
    }
  }

  private void lead(Connection c) throws SQLException {
    c.setAutoCommit(false);
    state = SequencerState.load(c, clock.instant());
    c.commit();
    leader = true;
    LOG.log(Level.INFO, "audit sequencer elected at log size {0}", state.head().size());
    while (running) {
      if (batch(c) == 0) {
        idle(config.idlePoll());
      }
    }
  }

  /** One transaction: numbers up to a batch of inbox events; returns how many. */
  private int batch(Connection c) throws SQLException {
    SequencerState s = state;
    List<InboxRow> rows = InboxStore.take(c, config.batchSize());
    LogHead dbHead = LogStore.head(c);
    if (!dbHead.equals(s.head())) {
      throw new IllegalStateException(
          "the log head moved under the sequencer: " + dbHead.size() + " != " + s.head().size());
    }
    MerkleFrontier frontier = s.frontier().copy();
    Hash chain = s.head().lastChain();
    List<AuditEntry> entries = new ArrayList<>(rows.size());
    List<TreeNode> nodes = new ArrayList<>(rows.size());
    long[] inboxIds = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      AuditEntry e = AuditEntry.of(frontier.size(), rows.get(i).event(), chain);
      entries.add(e);
      inboxIds[i] = rows.get(i).id();
      nodes.addAll(frontier.append(e.leaf()));
      chain = e.chain();
    }
    if (!rows.isEmpty()) {
      LogStore.insertEntries(c, entries, inboxIds);
      LogStore.insertNodes(c, nodes);
      InboxStore.delete(c, inboxIds);
    }
    c.commit();
    SequencerState next =
        new SequencerState(
            new LogHead(frontier.size(), chain),
            frontier,
            s.checkpointedSize(),
            s.checkpointedAt());
    publish(checkpointIfDue(c, next));
    return rows.size();
  }

  /**
   * Signs and stores a checkpoint when due, in a transaction of its own: an unavailable signer
   * (HSM) delays checkpoints but never stops entries from being sequenced.
   */
  private SequencerState checkpointIfDue(Connection c, SequencerState s) throws SQLException {
    Instant now = clock.instant();
    if (!s.checkpointDue(s.head().size(), now, config)) {
      return s;
    }
    Checkpoint cp;
    try {
      cp = checkpoints.make(s.head().size(), s.frontier().root(), now);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "signing a checkpoint failed; retrying after the next batch", e);
      return s;
    }
    CheckpointStore.insert(c, cp);
    c.commit();
    return new SequencerState(s.head(), s.frontier(), cp.size(), cp.time());
  }

  private void publish(SequencerState next) {
    synchronized (monitor) {
      state = next;
      monitor.notifyAll();
    }
  }

  private void idle(Duration d) {
    synchronized (monitor) {
      if (!wakeUp && running) {
        try {
          monitor.wait(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      wakeUp = false;
    }
  }

  private boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, config.lockKey());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private void release(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        ps.setLong(1, config.lockKey());
        ps.execute();
      }
    } catch (SQLException e) {
      // The session is gone, and its lock with it.
      LOG.log(Level.DEBUG, "releasing the sequencer lock failed", e);
    }
  }
}
