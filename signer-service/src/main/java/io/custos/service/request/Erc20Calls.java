package io.custos.service.request;

import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Encodes the ERC-20 transfers the API builds. Nothing here reads calldata back: what a call does
 * to a token is what the policy engine decoded ({@code Decision.erc20Call()}).
 */
final class Erc20Calls {

  private static final byte[] TRANSFER = HexFormat.of().parseHex("a9059cbb");
  private static final int WORD = 32;

  private Erc20Calls() {}

  /** {@code transfer(to, units)}. */
  static HexData transfer(Address to, BigInteger units) {
    byte[] out = new byte[4 + 2 * WORD];
    System.arraycopy(TRANSFER, 0, out, 0, 4);
    byte[] address = HexFormat.of().parseHex(to.lowerHex().substring(2));
    System.arraycopy(address, 0, out, 4 + WORD - 20, 20);
    byte[] amount = units.toByteArray();
    int skip = amount.length > WORD ? amount.length - WORD : 0; // a leading sign byte
    System.arraycopy(amount, skip, out, out.length - (amount.length - skip), amount.length - skip);
    return HexData.of(out);
  }
}
