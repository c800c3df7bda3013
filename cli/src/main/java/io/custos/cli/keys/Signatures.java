package io.custos.cli.keys;

import java.util.HexFormat;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/** EIP-712 digests signed with a device key, as the API takes them: 65 bytes r||s||v, v 27/28. */
public final class Signatures {

  private Signatures() {}

  public static String sign(byte[] digest, Credentials key) {
    Sign.SignatureData sig = Sign.signMessage(digest, key.getEcKeyPair(), false);
    byte[] out = new byte[65];
    System.arraycopy(sig.getR(), 0, out, 0, 32);
    System.arraycopy(sig.getS(), 0, out, 32, 32);
    out[64] = sig.getV()[0];
    return "0x" + HexFormat.of().formatHex(out);
  }
}
