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
 * @param local the token reports the key as generated on it ({@code CKA_LOCAL}), not imported
 * @param neverExtractable the token reports that the key was never extractable ({@code
 *     CKA_NEVER_EXTRACTABLE})
 * @param alwaysSensitive the token reports that the key was always sensitive ({@code
 *     CKA_ALWAYS_SENSITIVE})
 */
public record KeyInfo(
    KeyId id,
    String label,
    EthAddress address,
    Secp256k1PublicKey publicKey,
    Instant created,
    boolean local,
    boolean neverExtractable,
    boolean alwaysSensitive) {

  /** Checks that the address belongs to the public key. */
  public KeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(publicKey, "publicKey");
    if (!publicKey.address().equals(address)) {
      throw new IllegalArgumentException("address " + address + " is not that of the public key");
    }
  }

  /**
   * True when the token reports the key as generated on it and never readable outside it: only such
   * a key may be adopted, since anyone who can write to the token could plant an imported key whose
   * private part they keep.
   */
  public boolean bornOnToken() {
    return local && neverExtractable && alwaysSensitive;
  }
}
