package io.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.merkle.MerkleFrontier;
import io.custos.audit.proof.ConsistencyProof;
import io.custos.audit.proof.InclusionProof;
import io.custos.audit.proof.ProofVerifier;
import io.custos.audit.store.CheckpointStore;
import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.Fault;
import io.custos.audit.verify.FaultKind;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import io.custos.audit.verify.VerifyCommand;
import io.custos.testsupport.PostgresExtension;
import io.custos.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Export, the command-line verifier, proofs served from the database, and cross-checks against
 * computations that share nothing with this code: python3 and openssl.
 */
@ExtendWith(PostgresExtension.class)
class ExportAndProofTest {

  private static final int SIZE = 1_000;
  private static final SoftwareSigner KEY = SoftwareSigner.generate("custos-checkpoint");

  private static TestDatabase db;
  private static AuditLog log;
  private static Checkpoint last;
  private static Path dir;
  private static Path export;
  private static Path pem;

  @BeforeAll
  static void seed(TestDatabase database) throws Exception {
    db = database;
    PgLog.migrate(db);
    log = PgLog.open(db, KEY, 300);
    log.sequencer().start();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      pending.add(log.append(Events.sample(i)));
    }
    pending.forEach(CompletableFuture::join);
    assertThat(log.sequencer().awaitSize(SIZE, Duration.ofSeconds(30))).isTrue();
    last = log.checkpoint();
    log.close();

    dir = Path.of(System.getProperty("custos.build.dir", "target"), "audit-export-test");
    Files.createDirectories(dir);
    export = dir.resolve("audit.jsonl");
    try (Writer out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
      assertThat(log.export(out)).isEqualTo(SIZE);
    }
    pem = dir.resolve("checkpoint-key.pem");
    Files.writeString(pem, KEY.publicKey().toPem());
  }

  @Test
  void anIndependentPythonComputationAgreesWithTheExportAndItsCheckpoints() throws Exception {
    Path script = resource("crosscheck/verify_export.py");
    Result r = run(List.of("python3", script.toString(), export.toString()));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("vectors ok");
    assertThat(r.output()).contains("root " + SIZE + " " + last.root().hex());
  }

  @Test
  void aCheckpointVerifiesWithOpensslAndTheDocumentedCommand() throws Exception {
    Path note = dir.resolve("note.txt");
    Files.writeString(note, last.note(), StandardCharsets.UTF_8);
    // The commands of docs/audit.md section 4, verbatim apart from the paths.
    String documented =
        "cd '"
            + dir
            + "' && awk 'BEGIN{RS=\"\\n\\n\"; ORS=\"\"} NR==1{print $0 \"\\n\"}' note.txt > body"
            + " && sed -n 's/^\u2014 [^ ]* //p' note.txt | base64 -d | tail -c +5 > sig.der"
            + " && openssl dgst -sha256 -verify checkpoint-key.pem -signature sig.der body";

    // A UTF-8 script file, so that the em dash reaches sed intact whatever the JVM's locale.
    Path script = dir.resolve("verify-checkpoint.sh");
    Files.writeString(script, documented + "\n", StandardCharsets.UTF_8);

    Result good = run(List.of("bash", script.toString()));
    assertThat(good.exit()).as(good.output()).isZero();
    assertThat(good.output()).contains("Verified OK");
    assertThat(Files.readString(dir.resolve("body"))).isEqualTo(last.body());
    assertThat(Files.readAllBytes(dir.resolve("sig.der"))).isEqualTo(last.signatureDer());

    Files.writeString(note, last.note().replace("\n" + SIZE + "\n", "\n" + (SIZE + 1) + "\n"));
    Result forged = run(List.of("bash", script.toString()));
    assertThat(forged.exit()).isNotZero();
    assertThat(forged.output()).contains("Verification failure");
  }

  @Test
  void theCommandLineVerifierPassesTheExportAndTheDatabase() throws Exception {
    Path trusted = dir.resolve("trusted-note.txt");
    Files.writeString(trusted, last.note());

    Cli file =
        cli(
            "--file",
            export.toString(),
            "--pubkey",
            pem.toString(),
            "--checkpoint",
            trusted.toString());
    assertThat(file.exit()).as(file.out()).isEqualTo(VerifyCommand.OK);
    assertThat(file.out()).contains("entries checked: " + SIZE).contains("OK");

    Cli live = cli("--jdbc-url", db.jdbcUrl(), "--user", db.user(), "--pubkey", pem.toString());
    assertThat(live.exit()).as(live.out()).isEqualTo(VerifyCommand.OK);
  }

  @Test
  void theCommandLineVerifierNamesTheFirstBadEntryOfATamperedExportAndExitsNonZero()
      throws Exception {
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    int line = lines.size() - SIZE + 417;
    assertThat(lines.get(line)).contains("\"seq\":417}");
    lines.set(line, lines.get(line).replace("user:alice", "user:mallory"));
    Path tampered = dir.resolve("tampered.jsonl");
    Files.write(tampered, lines, StandardCharsets.UTF_8);

    Cli c = cli("--file", tampered.toString(), "--pubkey", pem.toString());

    assertThat(c.exit()).isEqualTo(VerifyCommand.FAULTS);
    assertThat(c.out()).contains("FAULT: LEAF_MISMATCH at seq 417");
    Result py =
        run(
            List.of(
                "python3",
                resource("crosscheck/verify_export.py").toString(),
                tampered.toString()));
    assertThat(py.exit()).isEqualTo(1);
    assertThat(py.output()).contains("hash mismatch at 417");
  }

  @Test
  void theVerifierReportsABrokenLineAtItsPositionAndRejectsWhatIsNotAnExport() throws Exception {
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    int line = lines.size() - SIZE + 250;
    lines.set(line, lines.get(line).substring(0, 40));
    Path broken = dir.resolve("broken.jsonl");
    Files.write(broken, lines, StandardCharsets.UTF_8);
    AuditVerifier verifier =
        new AuditVerifier(VerifierKey.parse(KEY.publicKey().toPem()), Optional.empty());

    VerificationReport report = verifier.verifyExport(broken);
    assertThat(report.firstFault())
        .get()
        .extracting(Fault::kind)
        .isEqualTo(FaultKind.MALFORMED_ENTRY);
    assertThat(report.firstFault().get().seq()).isEqualTo(250L);

    Files.writeString(broken, "{\"hello\":\"world\"}\n");
    assertThat(verifier.verifyExport(broken).firstFault())
        .get()
        .extracting(Fault::kind)
        .isEqualTo(FaultKind.UNREADABLE);
  }

  @Test
  void theCommandLineVerifierRejectsBadUsage() {
    assertThat(cli("--pubkey", "x").exit()).isEqualTo(VerifyCommand.ERROR);
    assertThat(cli("--file", "a", "--jdbc-url", "b", "--pubkey", "x").exit())
        .isEqualTo(VerifyCommand.ERROR);
  }

  @Test
  void everyEntrysInclusionProofFromTheDatabaseVerifiesAgainstTheSignedCheckpoint()
      throws Exception {
    assertThat(last.verify(KEY.publicKey())).isTrue();
    try (OneConnectionDataSource ds = new OneConnectionDataSource(db.connect());
        AuditLog reader = readerOn(ds)) {
      for (long i = 0; i < SIZE; i++) {
        InclusionProof proof = reader.inclusionProof(i, last.size());
        String entry = reader.entry(i).orElseThrow().canonical();
        assertThat(ProofVerifier.verifyInclusion(proof, entry, last.size(), last.root()))
            .as("entry %d", i)
            .isTrue();
        String other = reader.entry((i + 1) % SIZE).orElseThrow().canonical();
        assertThat(ProofVerifier.verifyInclusion(proof, other, last.size(), last.root())).isFalse();
      }
    }
  }

  @Test
  void consistencyProofsFromTheDatabaseLinkEveryEarlierSizeToTheLatestCheckpoint()
      throws Exception {
    List<Checkpoint> checkpoints;
    try (Connection c = db.connect()) {
      checkpoints = CheckpointStore.all(c);
    }
    assertThat(checkpoints.size()).isGreaterThanOrEqualTo(2);
    try (OneConnectionDataSource ds = new OneConnectionDataSource(db.connect());
        AuditLog reader = readerOn(ds)) {
      for (Checkpoint earlier : checkpoints) {
        ConsistencyProof proof = reader.consistencyProof(earlier.size(), last.size());
        assertThat(ProofVerifier.verifyConsistency(proof, earlier.root(), last.root())).isTrue();
        if (earlier.size() < last.size()) {
          assertThat(ProofVerifier.verifyConsistency(proof, last.root(), last.root())).isFalse();
        }
      }
      // Every m <= n, against roots recomputed from the stored leaves.
      MerkleFrontier frontier = MerkleFrontier.empty();
      for (long m = 1; m <= SIZE; m++) {
        frontier.append(reader.entry(m - 1).orElseThrow().leaf());
        ConsistencyProof proof = reader.consistencyProof(m, last.size());
        assertThat(ProofVerifier.verifyConsistency(proof, frontier.root(), last.root()))
            .as("%d -> %d", m, SIZE)
            .isTrue();
      }
    }
  }

  private static AuditLog readerOn(OneConnectionDataSource ds) {
    return new AuditLog(
        ds, AuditLogConfig.defaults("custos.test/audit"), KEY, java.time.Clock.systemUTC());
  }

  private record Result(int exit, String output) {}

  private record Cli(int exit, String out) {}

  private static Cli cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = VerifyCommand.run(args, "", ps, ps);
    return new Cli(exit, out.toString(StandardCharsets.UTF_8));
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ExportAndProofTest.class.getClassLoader().getResource(name).toURI());
  }
}
