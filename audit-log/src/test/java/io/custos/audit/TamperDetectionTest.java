package io.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.audit.checkpoint.CheckpointMaker;
import io.custos.audit.merkle.Rfc6962;
import io.custos.audit.verify.Fault;
import io.custos.audit.verify.FaultKind;
import io.custos.audit.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A superuser who bypasses the triggers can change the tables; the verifier must notice and name
 * the first bad sequence number. Each test seeds a fresh 40-entry log with checkpoints.
 */
class TamperDetectionTest {

  private static final int SIZE = 40;

  private final SoftwareSigner key = SoftwareSigner.generate("custos-checkpoint");
  private FreshDatabase fresh;
  private Attacker attacker;
  private String latestNote;

  @BeforeEach
  void seedLog() throws Exception {
    fresh = FreshDatabase.create("t_tamper");
    attacker = new Attacker(fresh.db());
    try (AuditLog log = PgLog.open(fresh.db(), key, 10)) {
      log.sequencer().start();
      for (int i = 0; i < SIZE; i += 10) {
        for (int k = i; k < i + 10; k++) {
          log.append(Events.sample(k)).join();
        }
        assertThat(log.sequencer().awaitSize(i + 10, Duration.ofSeconds(20))).isTrue();
      }
      latestNote = log.checkpoint().note();
    }
    VerifierAssertions.assertVerifies(fresh.db(), key, SIZE);
  }

  @AfterEach
  void dropDatabase() {
    fresh.close();
  }

  @Test
  void anEditedPayloadIsCaughtAtItsEntry() throws Exception {
    attacker.sql(
        "UPDATE audit_entry SET entry = replace(entry, '\"n\":7,', '\"n\":8,') WHERE seq = 7");

    assertFirstFault(FaultKind.LEAF_MISMATCH, 7);
  }

  @Test
  void aDeletedEntryIsCaughtAtItsSequenceNumber() throws Exception {
    attacker.sql("DELETE FROM audit_entry WHERE seq = 12");

    assertFirstFault(FaultKind.MISSING_ENTRY, 12);
  }

  @Test
  void twoSwappedEntriesAreCaughtAtTheFirstOfThem() throws Exception {
    attacker.sql(
        "UPDATE audit_entry SET seq = 1000, inbox_id = -1 WHERE seq = 5",
        "UPDATE audit_entry SET seq = 5 WHERE seq = 9",
        "UPDATE audit_entry SET seq = 9 WHERE seq = 1000");

    assertFirstFault(FaultKind.SEQ_MISMATCH, 5);
  }

  @Test
  void aForgedEntryInsertedWithCorrectHashesIsCaughtAtItsPlace() throws Exception {
    String forged =
        AuditEntry.canonical(20, Events.sample(999)); // a well-formed entry claiming seq 20
    byte[] leaf = Rfc6962.leaf(forged.getBytes(StandardCharsets.UTF_8)).bytes();
    byte[] chain = Rfc6962.chain(attacker.chainAt(19), new Hash(leaf)).bytes();
    attacker.sql(
        "UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 20",
        "UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000",
        "INSERT INTO audit_entry (seq, inbox_id, recorded_at, entry_type, actor, entry,"
            + " leaf_hash, chain_hash) VALUES (20, -20, now(), 'transaction.signed', 'user:alice', '"
            + forged.replace("'", "''")
            + "', '\\x"
            + HexFormat.of().formatHex(leaf)
            + "', '\\x"
            + HexFormat.of().formatHex(chain)
            + "')");

    assertFirstFault(FaultKind.SEQ_MISMATCH, 20);
  }

  @Test
  void aTruncatedTailIsCaughtAtTheFirstMissingEntry() throws Exception {
    attacker.sql("DELETE FROM audit_entry WHERE seq >= 35");

    assertFirstFault(FaultKind.TRUNCATED, 35);
  }

  @Test
  void aRewrittenLogWithRecomputedHashesIsCaughtByTheCheckpointSignatures() throws Exception {
    TreeMap<Long, String> texts = attacker.entries();
    texts.put(3L, texts.get(3L).replace("\"1000000000000000000\"", "\"9000000000000000000\""));
    // The attacker recomputes everything and re-signs the checkpoints with a key of their own
    // under the same name.
    attacker.rewrite(
        texts,
        new CheckpointMaker("custos.test/audit", SoftwareSigner.generate("custos-checkpoint")));

    VerificationReport report = verify(Optional.empty());
    assertThat(report.faults()).extracting(Fault::kind).containsOnly(FaultKind.BAD_SIGNATURE);
    assertThat(report.firstFault()).get().extracting(Fault::seq).isEqualTo(0L);
  }

  @Test
  void aRewrittenLogUnderTheOriginalCheckpointsIsCaughtByTheirRoots() throws Exception {
    TreeMap<Long, String> texts = attacker.entries();
    texts.put(23L, texts.get(23L).replace("\"1000000000000000000\"", "\"9000000000000000000\""));
    attacker.rewrite(texts, null);

    VerificationReport report = verify(Optional.empty());
    assertThat(report.firstFault())
        .get()
        .extracting(Fault::kind)
        .isEqualTo(FaultKind.ROOT_MISMATCH);
    // The first checkpoint after entry 23 fails; the ones before it still vouch for 0..19.
    assertThat(report.firstFault().get().seq()).isEqualTo(20L);
  }

  @Test
  void aRollbackToAnOlderStateIsCaughtByTheCheckpointTheAuditorHolds() throws Exception {
    attacker.sql(
        "DELETE FROM audit_entry WHERE seq >= 25",
        "DELETE FROM audit_checkpoint WHERE tree_size > 25",
        "DELETE FROM audit_tree_node WHERE ((idx + 1) << level) > 25");

    // The rolled-back log is internally consistent...
    assertThat(verify(Optional.empty()).faults()).isEmpty();
    // ...but not with the checkpoint of size 40 the auditor kept.
    assertFirstFault(Optional.of(latestNote), FaultKind.ROLLED_BACK, 25);
  }

  @Test
  void aRollbackFollowedByNewHistoryIsCaughtAsInconsistentWithTheHeldCheckpoint() throws Exception {
    attacker.sql(
        "DELETE FROM audit_entry WHERE seq >= 25",
        "DELETE FROM audit_checkpoint WHERE tree_size > 25",
        "DELETE FROM audit_tree_node WHERE ((idx + 1) << level) > 25");
    // The service (and its HSM key) carries on from the rolled-back state: new entries, new
    // genuinely signed checkpoints.
    try (AuditLog log = PgLog.open(fresh.db(), key, 10)) {
      log.sequencer().start();
      for (int k = 100; k < 120; k++) {
        log.append(Events.sample(k)).join();
      }
      assertThat(log.sequencer().awaitSize(45, Duration.ofSeconds(20))).isTrue();
      log.checkpoint();
    }
    assertThat(verify(Optional.empty()).faults()).isEmpty();

    VerificationReport report = verify(Optional.of(latestNote));
    assertThat(report.faults())
        .extracting(Fault::kind)
        .containsExactly(FaultKind.INCONSISTENT_WITH_TRUSTED);
  }

  private void assertFirstFault(FaultKind kind, long seq) throws Exception {
    assertFirstFault(Optional.empty(), kind, seq);
  }

  private void assertFirstFault(Optional<String> trusted, FaultKind kind, long seq)
      throws Exception {
    VerificationReport report = verify(trusted);
    assertThat(report.firstFault()).as(report.faults().toString()).isPresent();
    assertThat(report.firstFault().get().kind()).as(report.faults().toString()).isEqualTo(kind);
    assertThat(report.firstFault().get().seq()).as(report.faults().toString()).isEqualTo(seq);
  }

  private VerificationReport verify(Optional<String> trusted) throws Exception {
    return VerifierAssertions.verify(fresh.db(), key, trusted);
  }
}
