package io.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.audit.merkle.Rfc6962;
import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.Fault;
import io.custos.audit.verify.FaultKind;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link CheckpointSigner} must show to an auditor. Subclass it once per
 * implementation and hand it a signer; the tests only sign, so they share one signer freely.
 *
 * <p>What matters is what a verifier holding only the published key can check: the independent
 * verifier ({@code io.custos.audit.verify}) is given that key as PEM, as the auditor's API hands it
 * out, and judges checkpoints the signer made through {@link CheckpointMaker}.
 */
public abstract class CheckpointSignerContract {

  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00.123456Z");

  @TempDir Path dir;

  /** The signer under test, ready for the whole class. */
  protected abstract CheckpointSigner signer();

  @Test
  void signaturesVerifyUnderThePublishedKey() {
    CheckpointKey key = signer().publicKey();
    for (int i = 0; i < 16; i++) {
      byte[] digest = randomDigest();

      EcdsaSignature signature = signer().sign(digest);

      assertThat(key.verify(digest, signature.der())).isTrue();
    }
  }

  @Test
  void aSignatureHoldsForItsOwnDigestOnly() {
    byte[] digest = randomDigest();
    byte[] other = randomDigest();

    EcdsaSignature signature = signer().sign(digest);

    assertThat(signer().publicKey().verify(other, signature.der())).isFalse();
  }

  @Test
  void publishesTheSameKeyAndNameOnEveryCall() {
    CheckpointKey before = signer().publicKey();
    String name = signer().keyName();

    signer().sign(randomDigest());

    assertThat(signer().publicKey()).isEqualTo(before);
    assertThat(signer().keyName()).isEqualTo(name);
    assertThat(signer().publicKey().keyId(signer().keyName())).isEqualTo(before.keyId(name));
  }

  @Test
  void namesItsKeyWithOneWordAsTheSignatureLineNeeds() {
    assertThat(signer().keyName()).isNotBlank().doesNotContainPattern("\\s");
  }

  @Test
  void differentCheckpointsGetDifferentSignatures() {
    Checkpoint three = SignedExport.ofSize(3).checkpoint(signer(), TIME);
    Checkpoint four = SignedExport.ofSize(4).checkpoint(signer(), TIME);

    assertThat(three.verify(signer().publicKey())).isTrue();
    assertThat(four.verify(signer().publicKey())).isTrue();
    assertThat(four.signatureDer()).isNotEqualTo(three.signatureDer());
    assertThat(signer().publicKey().verify(digestOf(four.body()), three.signatureDer())).isFalse();
  }

  @Test
  void theIndependentVerifierAcceptsItsCheckpointInTheLogAndAsTheAuditorsTrustedOne()
      throws IOException {
    SignedExport log = SignedExport.ofSize(5);
    Checkpoint checkpoint = log.checkpoint(signer(), TIME);
    Path export = log.write(checkpoint.note(), dir);

    VerificationReport inTheLog = verifier(Optional.empty()).verifyExport(export);
    VerificationReport trusted = verifier(Optional.of(checkpoint.note())).verifyExport(export);

    assertThat(inTheLog.faults()).isEmpty();
    assertThat(inTheLog.checkpoints()).isEqualTo(1);
    assertThat(inTheLog.vouched()).isEqualTo(5);
    assertThat(trusted.faults()).isEmpty();
  }

  @Test
  void theIndependentVerifierRejectsItsCheckpointOnceTheSignedBodyIsAltered() throws IOException {
    SignedExport log = SignedExport.ofSize(5);
    Checkpoint checkpoint = log.checkpoint(signer(), TIME);
    // Only the time line changes: size and root still match the entries, so the signature alone
    // can tell that this is not what the signer signed.
    String altered =
        checkpoint
            .note()
            .replace(
                "time " + Checkpoint.TIME.format(TIME),
                "time " + Checkpoint.TIME.format(TIME.plusSeconds(1)));

    VerificationReport report = verifier(Optional.empty()).verifyExport(log.write(altered, dir));

    assertThat(altered).isNotEqualTo(checkpoint.note());
    assertThat(report.faults()).extracting(Fault::kind).containsExactly(FaultKind.BAD_SIGNATURE);
    assertThat(report.vouched()).isZero();
  }

  private AuditVerifier verifier(Optional<String> trustedCheckpoint) {
    return new AuditVerifier(VerifierKey.parse(signer().publicKey().toPem()), trustedCheckpoint);
  }

  private static byte[] digestOf(String body) {
    return Rfc6962.sha256(body.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] randomDigest() {
    byte[] digest = new byte[32];
    ThreadLocalRandom.current().nextBytes(digest);
    return digest;
  }
}
