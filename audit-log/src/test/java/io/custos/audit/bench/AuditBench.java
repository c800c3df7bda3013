package io.custos.audit.bench;

import io.custos.audit.AuditEntry;
import io.custos.audit.AuditLog;
import io.custos.audit.AuditLogConfig;
import io.custos.audit.Events;
import io.custos.audit.Hash;
import io.custos.audit.OneConnectionDataSource;
import io.custos.audit.PgLog;
import io.custos.audit.SoftwareSigner;
import io.custos.audit.checkpoint.CheckpointMaker;
import io.custos.audit.merkle.MerkleFrontier;
import io.custos.audit.merkle.TreeNode;
import io.custos.audit.proof.InclusionProof;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.store.LogStore;
import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.TestDatabase;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit-log benchmark: durable appends per second with 1, 4 and 16 threads, and, at 1,000,000
 * entries, inclusion-proof latency and full verification time. Prints its figures; asserts nothing.
 * Run with {@code ./custos bench audit}. System properties, for a quick run on a busy machine:
 * {@code bench.seconds} (seconds per append run, default 3) and {@code bench.entries} (the size of
 * the log that proofs and verification are measured at, default 1,000,000).
 */
public final class AuditBench {

  private static final SoftwareSigner KEY = SoftwareSigner.generate("custos-checkpoint");
  private static final Duration APPEND_RUN =
      Duration.ofMillis(
          Math.round(1000 * Double.parseDouble(System.getProperty("bench.seconds", "3"))));
  private static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
  private static final int PIPELINE = 512;

  private AuditBench() {}

  public static void main(String[] args) throws Exception {
    System.out.println(
        "# audit-log benchmark, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, PostgreSQL "
            + PostgresServer.shared().describe());
    for (int threads : new int[] {1, 4, 16}) {
      withDatabase("b_grp" + threads, db -> groupCommit(db, threads, 1));
    }
    for (int threads : new int[] {1, 4, 16}) {
      withDatabase("b_pipe" + threads, db -> groupCommit(db, threads, PIPELINE));
    }
    withDatabase("b_tx16", db -> callerTransactions(db, 16));
    withDatabase("b_scale", AuditBench::atScale);
  }

  /**
   * Each thread appends through the group commit, keeping up to {@code window} appends in flight
   * (1: it waits for each to be durable before the next; more: it waits for the oldest once the
   * window is full, as a request pipeline or a batch importer would).
   */
  private static void groupCommit(TestDatabase db, int threads, int window) throws Exception {
    try (AuditLog log = PgLog.open(db, KEY, 10_000)) {
      log.sequencer().start();
      AtomicLong appended = new AtomicLong();
      long start = System.nanoTime();
      long deadline = start + APPEND_RUN.toNanos();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(Thread.ofPlatform().start(() -> appendUntil(log, appended, deadline, window)));
      }
      for (Thread w : workers) {
        w.join();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      long n = appended.get();
      log.sequencer().awaitSize(n, Duration.ofMinutes(2));
      double sequencedSecs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "append (group commit, %3d in flight per thread) threads=%2d: %,8.0f durable appends/s"
              + " (%,d in %.1f s); all sequenced+hashed after %.1f s: %,8.0f entries/s%n",
          window, threads, n / secs, n, secs, sequencedSecs, n / sequencedSecs);
    }
  }

  private static void appendUntil(AuditLog log, AtomicLong appended, long deadline, int window) {
    java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> inFlight =
        new java.util.ArrayDeque<>();
    while (System.nanoTime() < deadline) {
      inFlight.add(log.append(Events.sample(appended.getAndIncrement())));
      if (inFlight.size() >= window) {
        inFlight.poll().join();
      }
    }
    inFlight.forEach(java.util.concurrent.CompletableFuture::join);
  }

  private static void callerTransactions(TestDatabase db, int threads) throws Exception {
    try (AuditLog log = PgLog.open(db, KEY, 10_000)) {
      log.sequencer().start();
      AtomicLong appended = new AtomicLong();
      long start = System.nanoTime();
      long deadline = start + APPEND_RUN.toNanos();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (Connection tx = db.connect()) {
                        tx.setAutoCommit(false);
                        while (System.nanoTime() < deadline) {
                          log.append(tx, Events.sample(appended.getAndIncrement()));
                          tx.commit();
                        }
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }));
      }
      for (Thread w : workers) {
        w.join();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      long n = appended.get();
      log.sequencer().awaitSize(n, Duration.ofMinutes(2));
      System.out.printf(
          "append (caller's transaction, one commit each)  threads=%2d: %,8.0f durable appends/s"
              + " (%,d in %.1f s)%n",
          threads, n / secs, n, secs);
    }
  }

  private static void atScale(TestDatabase db) throws Exception {
    long t0 = System.nanoTime();
    long checkpoints = bulkLoad(db, ENTRIES);
    System.out.printf(
        "loaded %,d entries (+ tree nodes, %d checkpoints) by the sequencer's insert statements"
            + " in %.1f s%n",
        ENTRIES, checkpoints, (System.nanoTime() - t0) / 1e9);

    try (OneConnectionDataSource ds = new OneConnectionDataSource(db.connect());
        AuditLog log =
            new AuditLog(
                ds, AuditLogConfig.defaults("custos.bench/audit"), KEY, Clock.systemUTC())) {
      proofLatency(log);
      VerifierKey key = VerifierKey.parse(KEY.publicKey().toPem());
      long v0 = System.nanoTime();
      long c0 = cpuNanos();
      VerificationReport live;
      try (Connection c = db.connect()) {
        live = new AuditVerifier(key, Optional.empty()).verifyDatabase(c);
      }
      System.out.printf(
          "verify %,d entries from PostgreSQL: %.2f s wall, %.2f s CPU in this JVM (%s, %d"
              + " checkpoints checked)%n",
          live.entries(),
          (System.nanoTime() - v0) / 1e9,
          (cpuNanos() - c0) / 1e9,
          live.ok() ? "OK" : live.faults(),
          live.checkpoints());

      Path file = Path.of(System.getProperty("java.io.tmpdir"), "custos-audit-bench.jsonl");
      long e0 = System.nanoTime();
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        log.export(out);
      }
      long e1 = System.nanoTime();
      long c1 = cpuNanos();
      VerificationReport exported = new AuditVerifier(key, Optional.empty()).verifyExport(file);
      long e2 = System.nanoTime();
      System.out.printf(
          "export %,d entries: %.2f s (%,d MB); verify the export file: %.2f s wall, %.2f s CPU"
              + " (%s)%n",
          exported.entries(),
          (e1 - e0) / 1e9,
          Files.size(file) >> 20,
          (e2 - e1) / 1e9,
          (cpuNanos() - c1) / 1e9,
          exported.ok() ? "OK" : exported.faults());
      System.out.printf(
          "machine load average at the end: %.1f on %d cores (shared with other builds)%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      Files.delete(file);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void proofLatency(AuditLog log) {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 500; i++) {
      log.inclusionProof(random.nextLong(ENTRIES), ENTRIES); // warm-up
    }
    int samples = 5_000;
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long seq = random.nextLong(ENTRIES);
      long s = System.nanoTime();
      InclusionProof proof = log.inclusionProof(seq, ENTRIES);
      nanos[i] = System.nanoTime() - s;
      if (proof.path().isEmpty()) {
        throw new IllegalStateException("empty proof");
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "inclusion proof at %,d entries (from PostgreSQL, one pooled connection): mean %.0f µs,"
            + " p50 %.0f µs, p99 %.0f µs%n",
        ENTRIES,
        Arrays.stream(nanos).average().orElseThrow() / 1e3,
        nanos[samples / 2] / 1e3,
        nanos[samples * 99 / 100] / 1e3);
  }

  /** Writes n entries as the sequencer would, in batches of 10,000, bypassing the inbox. */
  private static long bulkLoad(TestDatabase db, int n) throws Exception {
    CheckpointMaker maker = new CheckpointMaker("custos.bench/audit", KEY);
    MerkleFrontier frontier = MerkleFrontier.empty();
    Hash chain = Hash.ZERO;
    long checkpoints = 0;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      for (int from = 0; from < n; from += 10_000) {
        List<AuditEntry> entries = new ArrayList<>(10_000);
        List<TreeNode> nodes = new ArrayList<>(10_000);
        long[] ids = new long[Math.min(10_000, n - from)];
        for (int i = 0; i < ids.length; i++) {
          AuditEntry e = AuditEntry.of(from + i, Events.sample(from + i), chain);
          entries.add(e);
          nodes.addAll(frontier.append(e.leaf()));
          chain = e.chain();
          ids[i] = from + i;
        }
        LogStore.insertEntries(c, entries, ids);
        LogStore.insertNodes(c, nodes);
        if (frontier.size() % 100_000 == 0) {
          CheckpointStore.insert(c, maker.make(frontier.size(), frontier.root(), Instant.now()));
          checkpoints++;
        }
        c.commit();
      }
    }
    return checkpoints;
  }

  private interface DbWork {
    void run(TestDatabase db) throws Exception;
  }

  private static void withDatabase(String prefix, DbWork work) throws Exception {
    String name = prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    TestDatabase db = PostgresServer.shared().createDatabase(name);
    try {
      PgLog.migrate(db);
      work.run(db);
    } finally {
      PostgresServer.shared().dropDatabase(name);
    }
  }
}
