package io.custos.audit.checkpoint;

/**
 * The port through which checkpoints are signed: in the service, a dedicated secp256k1 key in the
 * HSM (through the hsm-adapter); in tests, a software key.
 */
public interface CheckpointSigner {

  /** The key's name, written on the signature line of every checkpoint (no spaces). */
  String keyName();

  /** The public key, so the log can name it on the note and check each signature it is handed. */
  CheckpointKey publicKey();

  /** Signs a 32-byte SHA-256 digest with ECDSA over secp256k1. */
  EcdsaSignature sign(byte[] sha256Digest);
}
