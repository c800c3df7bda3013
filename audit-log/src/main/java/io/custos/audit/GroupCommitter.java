package io.custos.audit;

import io.custos.audit.store.InboxStore;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Appends that do not join a caller's transaction: a writer thread takes whatever has queued up
 * while the previous commit was in flight and writes it in one statement and one durable commit,
 * then completes every caller's future. Under load a commit carries many events; alone, an append
 * costs one commit. Two writers by default, each on its own connection, so that one batch is
 * written while the other waits for its WAL flush; PostgreSQL flushes both with one fsync when they
 * meet.
 */
final class GroupCommitter {

  private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());

  private record Pending(AuditEvent event, CompletableFuture<Void> done) {}

  private final DataSource dataSource;
  private final int maxBatch;
  private final int writers;
  private final Runnable afterCommit;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  GroupCommitter(DataSource dataSource, int maxBatch, int writers, Runnable afterCommit) {
    this.dataSource = dataSource;
    this.maxBatch = maxBatch;
    this.writers = writers;
    this.afterCommit = afterCommit;
  }

  synchronized void start() {
    if (!running) {
      running = true;
      for (int i = 0; i < writers; i++) {
        threads.add(
            Thread.ofPlatform().name("custos-audit-group-commit-" + i).daemon().start(this::run));
      }
    }
  }

  CompletableFuture<Void> submit(AuditEvent event) {
    if (!running) {
      return CompletableFuture.failedFuture(new IllegalStateException("the audit log is closed"));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Pending(event, done));
    if (!running) {
      failRemaining(); // stop() may have drained the queue just before this add
    }
    return done;
  }

  /** Stops after writing what is queued. */
  synchronized void stop() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    failRemaining();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    Connection connection = null;
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        if (connection == null) {
          connection = dataSource.getConnection();
          connection.setAutoCommit(false);
        }
        write(connection, batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "audit group commit of {0} events failed", batch.size());
        AuditStoreException failure = new AuditStoreException("audit append failed", e);
        batch.forEach(p -> p.done().completeExceptionally(failure));
        close(connection);
        connection = null;
      } finally {
        batch.clear();
      }
    }
    close(connection);
  }

  private void write(Connection c, List<Pending> batch) throws SQLException {
    List<AuditEvent> events = new ArrayList<>(batch.size());
    batch.forEach(p -> events.add(p.event()));
    InboxStore.insertAll(c, events);
    c.commit();
    batch.forEach(p -> p.done().complete(null));
    afterCommit.run();
  }

  private static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "closing a group-commit connection failed", e);
      }
    }
  }

  private void failRemaining() {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(new IllegalStateException("the audit log is closed"));
    }
  }
}
