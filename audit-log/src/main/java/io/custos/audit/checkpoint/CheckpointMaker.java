package io.custos.audit.checkpoint;

import io.custos.audit.Hash;
import io.custos.audit.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Writes and signs checkpoint notes through a {@link CheckpointSigner}. */
public final class CheckpointMaker {

  private final String origin;
  private final CheckpointSigner signer;
  private final CheckpointKey key;

  /**
   * @param origin the log's name, the first line of every checkpoint (no newline)
   * @param signer the key that signs
   */
  public CheckpointMaker(String origin, CheckpointSigner signer) {
    if (origin == null || origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("origin must be one non-blank line");
    }
    if (signer.keyName().isBlank() || signer.keyName().matches(".*\\s.*")) {
      throw new IllegalArgumentException("the signer's key name must be non-blank without spaces");
    }
    this.origin = origin;
    this.signer = signer;
    this.key = signer.publicKey();
  }

  /**
   * Signs a checkpoint of the given state.
   *
   * @throws IllegalStateException if the signer returns a signature its own public key rejects
   */
  public Checkpoint make(long size, Hash root, Instant time) {
    String body = Checkpoint.body(origin, size, root, time);
    byte[] digest = Rfc6962.sha256(body.getBytes(StandardCharsets.UTF_8));
    byte[] der = signer.sign(digest).der();
    // A signature the verifier would reject is worse than none: fail loudly at the source.
    if (!key.verify(digest, der)) {
      throw new IllegalStateException(
          "checkpoint signer '" + signer.keyName() + "' returned a signature its key rejects");
    }
    byte[] keyId = key.keyId(signer.keyName());
    byte[] sig = new byte[4 + der.length];
    System.arraycopy(keyId, 0, sig, 0, 4);
    System.arraycopy(der, 0, sig, 4, der.length);
    String note =
        body
            + "\n"
            + Checkpoint.SIGNATURE_PREFIX
            + signer.keyName()
            + " "
            + Base64.getEncoder().encodeToString(sig)
            + "\n";
    return new Checkpoint(origin, size, root, time, signer.keyName(), note);
  }

  /** The log's name. */
  public String origin() {
    return origin;
  }
}
