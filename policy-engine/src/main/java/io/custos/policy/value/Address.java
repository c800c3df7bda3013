package io.custos.policy.value;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 20-byte Ethereum account address, kept in lower case and rendered with its EIP-55 checksum.
 *
 * @param lowerHex the address as {@code 0x} followed by 40 lower-case hex digits
 */
public record Address(String lowerHex) implements Comparable<Address> {
  private static final Pattern ANY_CASE = Pattern.compile("0[xX][0-9a-fA-F]{40}");

  public Address {
    if (lowerHex == null || !isLowerHexAddress(lowerHex)) {
      throw new IllegalArgumentException("address must be 0x followed by 40 lower-case hex digits");
    }
  }

  private static boolean isLowerHexAddress(String text) {
    if (text.length() != 42 || text.charAt(0) != '0' || text.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < 42; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses an address written in any case. Mixed case must be a valid EIP-55 checksum, so that a
   * mistyped address in a policy or an intent is an error rather than a different account.
   */
  public static Address parse(String text) {
    if (text == null || !ANY_CASE.matcher(text).matches()) {
      throw new IllegalArgumentException("address must be 0x followed by 40 hex digits");
    }
    String digits = text.substring(2);
    String lower = digits.toLowerCase(Locale.ROOT);
    boolean mixed = !digits.equals(lower) && !digits.equals(digits.toUpperCase(Locale.ROOT));
    Address address = new Address("0x" + lower);
    if (mixed && !address.checksummed().substring(2).equals(digits)) {
      throw new IllegalArgumentException("address has an invalid EIP-55 checksum");
    }
    return address;
  }

  /** The address from the low 20 bytes of a 32-byte ABI word (upper 12 bytes must be zero). */
  public static Address fromBytes(byte[] twenty) {
    if (twenty.length != 20) {
      throw new IllegalArgumentException("address must be 20 bytes");
    }
    return new Address(Hex.encode(twenty));
  }

  /** The EIP-55 mixed-case form. */
  public String checksummed() {
    String digits = lowerHex.substring(2);
    byte[] hash = Keccak.hash256(digits.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  @Override
  public int compareTo(Address other) {
    return lowerHex.compareTo(other.lowerHex);
  }

  @Override
  public String toString() {
    return checksummed();
  }
}
