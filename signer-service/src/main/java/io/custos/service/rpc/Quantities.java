package io.custos.service.rpc;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Ethereum JSON-RPC quantities and data: {@code 0x}-prefixed hex, quantities without leading zeros
 * ({@code 0x0} for zero), data as whole bytes.
 */
final class Quantities {

  private static final Pattern QUANTITY = Pattern.compile("0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})");
  private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private Quantities() {}

  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /**
   * The quantity {@code field} holds, as a decimal string.
   *
   * @throws RpcError invalid params when it is not a quantity
   */
  static BigInteger quantity(String field, String text) {
    if (text == null || !QUANTITY.matcher(text).matches()) {
      throw new RpcError(
          RpcError.INVALID_PARAMS,
          field + " must be a hex quantity (0x-prefixed, no leading zeros), not " + text);
    }
    return new BigInteger(text.substring(2), 16);
  }

  /**
   * The data {@code field} holds, checked.
   *
   * @throws RpcError invalid params when it is not whole bytes of hex
   */
  static String data(String field, String text) {
    if (text == null || !DATA.matcher(text).matches()) {
      throw new RpcError(
          RpcError.INVALID_PARAMS, field + " must be 0x-prefixed hex of whole bytes");
    }
    return text;
  }
}
