package io.custos.hsm;

import java.util.List;
import java.util.Optional;

/**
 * Ethereum keys held by a hardware security module: generated inside it, used inside it, never
 * exported. Every method may throw {@link HsmException}; implementations are safe for use by many
 * threads at once.
 */
public interface KeyVault extends AutoCloseable {

  /**
   * Generates a new secp256k1 key pair inside the token, non-extractable and sensitive.
   *
   * @param label a unique label (see {@link KeyLabels#requireValid})
   * @throws HsmException {@link HsmException.Reason#LABEL_TAKEN} if a key already has this label
   */
  KeyInfo generate(String label);

  /** Every usable secp256k1 key, across all configured tokens. */
  List<KeyInfo> list();

  /** The key named by {@code ref}, or empty. */
  Optional<KeyInfo> find(KeyRef ref);

  /**
   * Signs a 32-byte digest with the key. The result has low {@code s}, its recovery parity, and has
   * been verified against the key's public key: a signature that does not verify is an error, never
   * a result.
   *
   * @throws HsmException {@link HsmException.Reason#KEY_NOT_FOUND} for an unknown key
   */
  EthSignature sign(KeyId keyId, Digest32 digest);

  /**
   * Checks that every configured token is present and logged in; fails closed.
   *
   * @throws HsmException when a token cannot be reached
   */
  void ping();

  /** Releases sessions; finalises the PKCS#11 module when no other vault uses it. */
  @Override
  void close();
}
