package io.custos.service.request;

import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * ERC-20 calldata: encoding the transfers the API builds, and reading back the token exposure of a
 * raw contract call, so that velocity limits on a token also count calls that were not submitted as
 * ERC-20 transfers.
 */
final class Erc20Calls {

  private static final byte[] TRANSFER = HexFormat.of().parseHex("a9059cbb");
  private static final byte[] APPROVE = HexFormat.of().parseHex("095ea7b3");
  private static final byte[] TRANSFER_FROM = HexFormat.of().parseHex("23b872dd");
  private static final int WORD = 32;

  /**
   * The token exposure of one call.
   *
   * @param token the token contract
   * @param counterparty the recipient (transfer, transferFrom) or spender (approve)
   * @param units the amount in smallest units
   */
  record Exposure(Address token, Address counterparty, BigInteger units) {}

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

  /**
   * The exposure of a call to a policy token whose calldata is a canonical transfer, transferFrom
   * or approve; null for anything else.
   */
  static Exposure exposure(Address to, HexData data, Map<String, Asset.Token> tokens) {
    boolean isToken = tokens.values().stream().anyMatch(t -> t.address().equals(to));
    if (!isToken || data.length() < 4) {
      return null;
    }
    byte[] bytes = data.toByteArray();
    byte[] selector = Arrays.copyOf(bytes, 4);
    if ((Arrays.equals(selector, TRANSFER) || Arrays.equals(selector, APPROVE))
        && bytes.length == 4 + 2 * WORD) {
      Address party = address(bytes, 4);
      return party == null ? null : new Exposure(to, party, uint(bytes, 4 + WORD));
    }
    if (Arrays.equals(selector, TRANSFER_FROM) && bytes.length == 4 + 3 * WORD) {
      Address party = address(bytes, 4 + WORD);
      return party == null ? null : new Exposure(to, party, uint(bytes, 4 + 2 * WORD));
    }
    return null;
  }

  private static Address address(byte[] bytes, int at) {
    for (int i = at; i < at + WORD - 20; i++) {
      if (bytes[i] != 0) {
        return null;
      }
    }
    return Address.fromBytes(Arrays.copyOfRange(bytes, at + WORD - 20, at + WORD));
  }

  private static BigInteger uint(byte[] bytes, int at) {
    return new BigInteger(1, Arrays.copyOfRange(bytes, at, at + WORD));
  }
}
