package io.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.store.CheckpointStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Appending, gap-free sequencing, election and checkpoints, on real PostgreSQL. */
class SequencerTest {

  private final SoftwareSigner key = SoftwareSigner.generate("test-key");

  @Test
  void anEventReachesTheLogOnlyIfTheCallersTransactionCommits() throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_tx");
        AuditLog log = PgLog.open(fresh.db(), key, 1_000)) {
      log.sequencer().start();
      try (Connection tx = fresh.db().connect()) {
        tx.setAutoCommit(false);
        long rolledBack = log.append(tx, Events.sample(1));
        tx.rollback();
        long committed = log.append(tx, Events.sample(2));
        tx.commit();
        assertThat(log.sequencer().awaitSize(1, Duration.ofSeconds(20))).isTrue();
        Thread.sleep(100);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.entry(0).orElseThrow().canonical()).contains("\"n\":2");
        assertThat(log.sequenceOf(committed)).contains(0L);
        assertThat(log.sequenceOf(rolledBack)).isEmpty();
      }
    }
  }

  @Test
  void sixteenThreadsAppendingTenThousandEntriesGetSequenceNumbersWithoutGapOrDuplicate()
      throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_16");
        AuditLog log = PgLog.open(fresh.db(), key, 2_500)) {
      log.sequencer().start();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        // Half the threads append inside their own transactions, half through the group commit.
        done.add(
            pool.submit(
                () -> {
                  appendRange(log, fresh, thread * 625, 625, thread % 2 == 0);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(log.sequencer().awaitSize(10_000, Duration.ofSeconds(60))).isTrue();

      try (Connection c = fresh.db().connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*), count(DISTINCT seq), min(seq), max(seq),"
                      + " count(DISTINCT (entry::jsonb -> 'payload' ->> 'n')),"
                      + " (SELECT count(*) FROM audit_inbox) FROM audit_entry")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(10_000);
        assertThat(rs.getLong(2)).isEqualTo(10_000);
        assertThat(rs.getLong(3)).isZero();
        assertThat(rs.getLong(4)).isEqualTo(9_999);
        assertThat(rs.getLong(5)).as("every event exactly once").isEqualTo(10_000);
        assertThat(rs.getLong(6)).as("inbox drained").isZero();
      }
      VerifierAssertions.assertVerifies(fresh.db(), key, 10_000);
    }
  }

  @Test
  void checkpointsAreSignedEveryNEntriesAndOnDemand() throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_cp");
        AuditLog log = PgLog.open(fresh.db(), key, 100)) {
      log.sequencer().start();
      appendAll(log, 0, 150);
      assertThat(log.sequencer().awaitSize(150, Duration.ofSeconds(20))).isTrue();
      Checkpoint automatic = log.latestCheckpoint().orElseThrow();
      // Batches decide where the N-entry trigger fires: at the first batch end at or past 100.
      assertThat(automatic.size()).isBetween(100L, 150L);

      appendAll(log, 150, 30);
      assertThat(log.sequencer().awaitSize(180, Duration.ofSeconds(20))).isTrue();
      assertThat(log.latestCheckpoint()).contains(automatic);
      Checkpoint onDemand = log.checkpoint();
      assertThat(onDemand.size()).isEqualTo(180);

      List<Checkpoint> all;
      try (Connection c = fresh.db().connect()) {
        all = CheckpointStore.all(c);
      }
      assertThat(all).containsExactly(automatic, onDemand);
      for (Checkpoint cp : all) {
        assertThat(cp.verify(key.publicKey())).isTrue();
        assertThat(cp.verify(SoftwareSigner.generate("test-key").publicKey())).isFalse();
        assertThat(cp.origin()).isEqualTo("custos.test/audit");
      }
    }
  }

  @Test
  void aCheckpointIsSignedWhenTheIntervalPassesWithFewEntries() throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_cpt")) {
      AuditLogConfig config =
          AuditLogConfig.defaults("custos.test/audit")
              .withCheckpoints(1_000_000, Duration.ofMillis(300));
      try (AuditLog log = new AuditLog(fresh.db().dataSource(), config, key, Clock.systemUTC())) {
        log.sequencer().start();
        log.append(Events.sample(1)).join();
        log.append(Events.sample(2)).join();
        await()
            .alias("a checkpoint signed on the 300 ms interval")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(log::latestCheckpoint, Optional::isPresent);
        assertThat(log.latestCheckpoint()).get().extracting(Checkpoint::size).isEqualTo(2L);
      }
    }
  }

  @Test
  void aStandbyInstanceTakesOverWhenTheSequencerStopsAndNumberingContinues() throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_ha")) {
      AuditLogConfig config =
          new AuditLogConfig(
              "custos.test/audit",
              500,
              1_000,
              Duration.ofHours(1),
              Duration.ofMillis(10),
              Duration.ofMillis(100),
              AuditLogConfig.DEFAULT_LOCK_KEY,
              500,
              2);
      try (AuditLog first = new AuditLog(fresh.db().dataSource(), config, key, Clock.systemUTC());
          AuditLog second = new AuditLog(fresh.db().dataSource(), config, key, Clock.systemUTC())) {
        first.sequencer().start();
        awaitLeader(first);
        second.sequencer().start();
        appendAll(first, 0, 100);
        assertThat(first.sequencer().awaitSize(100, Duration.ofSeconds(20))).isTrue();
        assertThat(second.sequencer().isLeader()).isFalse();

        first.sequencer().stop();
        appendAll(second, 100, 100);
        assertThat(second.sequencer().awaitSize(200, Duration.ofSeconds(20))).isTrue();
        assertThat(second.sequencer().isLeader()).isTrue();
        assertThat(second.size()).isEqualTo(200);
      }
      VerifierAssertions.assertVerifies(fresh.db(), key, 200);
    }
  }

  @Test
  void theSequencerRecoversWhenItsDatabaseSessionIsKilled() throws Exception {
    try (FreshDatabase fresh = FreshDatabase.create("t_seq_kill")) {
      AuditLogConfig config =
          new AuditLogConfig(
              "custos.test/audit",
              500,
              1_000,
              Duration.ofHours(1),
              Duration.ofMillis(10),
              Duration.ofMillis(100),
              AuditLogConfig.DEFAULT_LOCK_KEY,
              500,
              2);
      try (AuditLog log = new AuditLog(fresh.db().dataSource(), config, key, Clock.systemUTC())) {
        log.sequencer().start();
        appendAll(log, 0, 50);
        assertThat(log.sequencer().awaitSize(50, Duration.ofSeconds(20))).isTrue();

        try (Connection c = fresh.db().connect();
            Statement s = c.createStatement()) {
          s.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
        try (Connection tx = fresh.db().connect()) {
          for (int i = 50; i < 100; i++) {
            log.append(tx, Events.sample(i)); // autocommit: each its own transaction
          }
        }
        assertThat(log.sequencer().awaitSize(100, Duration.ofSeconds(20))).isTrue();
      }
      VerifierAssertions.assertVerifies(fresh.db(), key, 100);
    }
  }

  private static void awaitLeader(AuditLog log) {
    await()
        .alias("this instance's sequencer to lead")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(log.sequencer()::isLeader);
  }

  private static void appendAll(AuditLog log, int from, int count) {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      futures.add(log.append(Events.sample(i)));
    }
    futures.forEach(CompletableFuture::join);
  }

  private static void appendRange(
      AuditLog log, FreshDatabase fresh, int from, int count, boolean inCallerTransaction)
      throws SQLException {
    if (!inCallerTransaction) {
      for (int i = from; i < from + count; i++) {
        log.append(Events.sample(i)).join();
      }
      return;
    }
    try (Connection tx = fresh.db().connect()) {
      tx.setAutoCommit(false);
      // Transactions of 1 to 4 events, as the service's state changes would be.
      int i = from;
      while (i < from + count) {
        int n = Math.min(1 + i % 4, from + count - i);
        for (int k = 0; k < n; k++) {
          log.append(tx, Events.sample(i++));
        }
        tx.commit();
      }
    }
  }
}
