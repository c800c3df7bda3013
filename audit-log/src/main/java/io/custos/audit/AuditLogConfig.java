package io.custos.audit;

import java.time.Duration;

/**
 * Settings of an audit log. The service converts its typed configuration into this record.
 *
 * @param origin the log's name, first line of every checkpoint, e.g. {@code
 *     custos.example.org/audit}
 * @param batchSize most inbox events the sequencer numbers in one transaction
 * @param checkpointEvery the sequencer signs a checkpoint once this many entries are uncovered
 * @param checkpointInterval ...or once the newest entry is this old without a checkpoint
 * @param idlePoll how long the sequencer waits between looks at an empty inbox
 * @param electionRetry how often a standby instance tries to become the sequencer
 * @param lockKey the PostgreSQL advisory-lock key that elects the sequencer, one per log
 * @param groupCommitMax most events written by one group commit
 * @param groupCommitWriters connections writing group commits concurrently
 */
public record AuditLogConfig(
    String origin,
    int batchSize,
    long checkpointEvery,
    Duration checkpointInterval,
    Duration idlePoll,
    Duration electionRetry,
    long lockKey,
    int groupCommitMax,
    int groupCommitWriters) {

  /** The default advisory-lock key: the first 8 bytes of SHA-256("custos.audit.sequencer"). */
  public static final long DEFAULT_LOCK_KEY = 0x5f0c3a8e6b12d9a7L;

  public AuditLogConfig {
    if (origin == null || origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("origin must be one non-blank line");
    }
    if (batchSize < 1 || checkpointEvery < 1 || groupCommitMax < 1 || groupCommitWriters < 1) {
      throw new IllegalArgumentException("batch sizes and checkpointEvery must be positive");
    }
    requirePositive(checkpointInterval, "checkpointInterval");
    requirePositive(idlePoll, "idlePoll");
    requirePositive(electionRetry, "electionRetry");
  }

  /**
   * Defaults: batches of 2,000, a checkpoint every 10,000 entries or 60 s, 10 ms idle poll, four
   * group-commit writers (so five connections per instance, counting the sequencer's).
   */
  public static AuditLogConfig defaults(String origin) {
    return new AuditLogConfig(
        origin,
        2_000,
        10_000,
        Duration.ofSeconds(60),
        Duration.ofMillis(10),
        Duration.ofSeconds(2),
        DEFAULT_LOCK_KEY,
        2_000,
        4);
  }

  /** A copy with other checkpoint triggers. */
  public AuditLogConfig withCheckpoints(long every, Duration interval) {
    return new AuditLogConfig(
        origin,
        batchSize,
        every,
        interval,
        idlePoll,
        electionRetry,
        lockKey,
        groupCommitMax,
        groupCommitWriters);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
