package io.custos.hsm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

/**
 * An Ethereum account address: the last 20 bytes of the Keccak-256 hash of a public key.
 *
 * @param hex 40 lower-case hex digits, without prefix; {@link #toString()} gives the EIP-55 form
 */
public record EthAddress(String hex) {

  /** Validates and normalises to lower case. */
  public EthAddress {
    if (hex == null || hex.length() != 40 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("an address is 20 bytes of hex, got: " + hex);
    }
    hex = hex.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code 0x}-prefixed or bare hex. Mixed case must be a valid EIP-55 checksum, so that a
   * mistyped address is refused rather than used.
   */
  public static EthAddress parse(String text) {
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    EthAddress address = new EthAddress(digits);
    boolean mixedCase =
        !digits.equals(digits.toLowerCase(Locale.ROOT))
            && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixedCase && !address.toString().substring(2).equals(digits)) {
      throw new IllegalArgumentException("address fails its EIP-55 checksum: " + text);
    }
    return address;
  }

  /** The address of a public key. */
  public static EthAddress of(Secp256k1PublicKey key) {
    byte[] hash = Hash.sha3(key.xy());
    return new EthAddress(HexFormat.of().formatHex(Arrays.copyOfRange(hash, 12, 32)));
  }

  /** The 20 address bytes. */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  /** The EIP-55 checksummed form, {@code 0x}-prefixed. */
  @Override
  public String toString() {
    return Keys.toChecksumAddress(hex);
  }
}
