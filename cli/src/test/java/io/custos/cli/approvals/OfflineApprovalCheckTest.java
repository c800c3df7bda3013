package io.custos.cli.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The parts of the offline approval check that need no running service; an export of a real service
 * is checked end to end by signer-service's ApprovalSignaturesTest and CliTest.
 */
class OfflineApprovalCheckTest {

  @TempDir Path dir;

  @Test
  void aTransactionSignedWithoutARequestIsAFault() throws IOException {
    Path export = dir.resolve("export.jsonl");
    Files.writeString(
        export,
        """
        {"kind":"entry","seq":0,"entry":{"type":"transaction.signed","time":"2026-01-01T00:00:00Z","payload":{"hash":"0xabc"}}}
        """);

    ApprovalCheckReport report = OfflineApprovalCheck.check(export);

    assertThat(report.ok()).isFalse();
    assertThat(report.transaction("0xabc").faults())
        .containsExactly("no authorization recorded: the transaction was not sent for a request");
  }

  @Test
  void anExportWithoutSignedTransactionsHasNothingToFault() throws IOException {
    Path export = dir.resolve("export.jsonl");
    Files.writeString(
        export,
        """
        {"kind":"entry","seq":0,"entry":{"type":"key.created","time":"2026-01-01T00:00:00Z","payload":{}}}
        {"kind":"checkpoint","note":"ignored here"}
        """);

    ApprovalCheckReport report = OfflineApprovalCheck.check(export);

    assertThat(report.ok()).isTrue();
    assertThat(report.transactions()).isEmpty();
  }

  @Test
  void theSignerOfADigestIsRecoveredAndAHighSIsRefused() {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0xC0FFEE));
    byte[] digest = Hash.sha3("custos".getBytes());
    Sign.SignatureData sig = Sign.signMessage(digest, key, false);
    String signature =
        "0x"
            + HexFormat.of().formatHex(sig.getR())
            + HexFormat.of().formatHex(sig.getS())
            + HexFormat.of().formatHex(sig.getV());

    assertThat(Evidence.recover(digest, signature))
        .isEqualTo("0x" + Keys.getAddress(key.getPublicKey()).toLowerCase(Locale.ROOT));

    BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(new BigInteger(1, sig.getS()));
    String malleable =
        "0x"
            + HexFormat.of().formatHex(sig.getR())
            + String.format("%064x", highS)
            + HexFormat.of().formatHex(sig.getV());
    assertThatThrownBy(() -> Evidence.recover(digest, malleable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EIP-2");
  }

  @Test
  void theDomainSaltEndsInTheDeploymentId() {
    UUID id = UUID.fromString("5525ce33-8d6e-4b42-9cf3-23e176d340e5");
    assertThat(Evidence.salt(id))
        .isEqualTo("0x000000000000000000000000000000005525ce338d6e4b429cf323e176d340e5");
  }
}
