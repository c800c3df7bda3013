package io.custos.service.approvals;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Recovering the address that made a 65-byte {@code r ‖ s ‖ v} Ethereum signature. */
public final class Signatures {

  private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private Signatures() {}

  /**
   * The lower-case address whose key signed {@code digest}.
   *
   * @param signature {@code 0x} + 130 hex digits; v is 27/28 (or 0/1); s must be in the lower half
   *     of the curve order (EIP-2), so a signature has exactly one valid form
   * @throws IllegalArgumentException if the signature is malformed or recovers no key
   */
  public static String recover(byte[] digest, String signature) {
    byte[] sig = bytes(signature);
    byte v = sig[64];
    if (v < 27) {
      v += 27;
    }
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("signature v must be 27 or 28");
    }
    byte[] r = Arrays.copyOfRange(sig, 0, 32);
    byte[] s = Arrays.copyOfRange(sig, 32, 64);
    if (new BigInteger(1, s).compareTo(HALF_N) > 0) {
      throw new IllegalArgumentException("signature s is not in the lower half (EIP-2)");
    }
    try {
      BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
      return "0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT);
    } catch (SignatureException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature recovers no key: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String signature) {
    if (signature == null || !signature.matches("0x[0-9a-fA-F]{130}")) {
      throw new IllegalArgumentException("signature must be 0x followed by 65 bytes in hex");
    }
    return HexFormat.of().parseHex(signature.substring(2));
  }
}
