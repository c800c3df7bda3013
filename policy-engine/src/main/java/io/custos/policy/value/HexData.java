package io.custos.policy.value;

import java.util.Arrays;

/** Immutable bytes (calldata, messages, ABI values); equality is by content. */
public final class HexData {
  /** No bytes. */
  public static final HexData EMPTY = new HexData(new byte[0]);

  private final byte[] bytes;

  private HexData(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; later changes to the array do not affect this value. */
  public static HexData of(byte[] bytes) {
    return new HexData(bytes.clone());
  }

  /** Parses {@code 0x}-prefixed hex. */
  public static HexData parse(String hex) {
    return new HexData(Hex.decode(hex));
  }

  /** Returns a copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Reads one byte without copying the whole array. */
  public byte byteAt(int index) {
    return bytes[index];
  }

  /** Returns a copy of bytes {@code [from, to)}. */
  public byte[] slice(int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }

  /** True when these bytes begin with {@code prefix}. */
  public boolean startsWith(HexData prefix) {
    return prefix.bytes.length <= bytes.length
        && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HexData that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
