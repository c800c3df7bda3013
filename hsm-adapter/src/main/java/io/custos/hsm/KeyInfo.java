package io.custos.hsm;

import java.time.Instant;
import java.util.Objects;

/**
 * What the vault knows about a key; never its private part.
 *
 * @param id the key's {@code CKA_ID}
 * @param label the key's {@code CKA_LABEL}, unique in the vault
 * @param address the Ethereum address derived from the public key
 * @param publicKey the public key, uncompressed SEC1
 * @param created when the key was generated, read from its UUIDv7 id (see {@link KeyId#generate});
 *     null for a key adopted from a vendor tool, whose id carries no time
 */
public record KeyInfo(
    KeyId id, String label, EthAddress address, Secp256k1PublicKey publicKey, Instant created) {

  /** Checks that the address belongs to the public key. */
  public KeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(publicKey, "publicKey");
    if (!publicKey.address().equals(address)) {
      throw new IllegalArgumentException("address " + address + " is not that of the public key");
    }
  }
}
