package io.custos.policy.value;

import java.util.HexFormat;

/** Strict 0x-prefixed hex handling shared by the value types. */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /**
   * Decodes {@code 0x}-prefixed hex with an even number of digits.
   *
   * @throws IllegalArgumentException if the prefix is missing or a digit is not hex
   */
  public static byte[] decode(String text) {
    if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("hex must start with 0x");
    }
    String digits = text.substring(2);
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("hex must have an even number of digits");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not a hex digit at position " + (i + 2));
      }
    }
    return LOWER.parseHex(digits);
  }

  /** Encodes bytes as lower-case hex with a {@code 0x} prefix. */
  public static String encode(byte[] bytes) {
    return "0x" + LOWER.formatHex(bytes);
  }
}
