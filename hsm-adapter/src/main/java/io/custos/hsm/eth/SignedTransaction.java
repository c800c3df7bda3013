package io.custos.hsm.eth;

import io.custos.hsm.Digest32;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed transaction, ready for {@code eth_sendRawTransaction}.
 *
 * @param raw the signed encoding (RLP, prefixed by the type byte for typed transactions)
 * @param hash the transaction hash, Keccak-256 of {@code raw}
 */
public record SignedTransaction(byte[] raw, Digest32 hash) {

  /** Copies the bytes. */
  public SignedTransaction {
    Objects.requireNonNull(hash, "hash");
    if (raw == null || raw.length == 0) {
      throw new IllegalArgumentException("a signed transaction has bytes");
    }
    raw = raw.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** The raw bytes as {@code 0x}-prefixed hex. */
  public String rawHex() {
    return "0x" + HexFormat.of().formatHex(raw);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedTransaction t && Arrays.equals(raw, t.raw) && hash.equals(t.hash);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(raw) + hash.hashCode();
  }

  @Override
  public String toString() {
    return "SignedTransaction[hash=" + hash + ", " + raw.length + " bytes]";
  }
}
