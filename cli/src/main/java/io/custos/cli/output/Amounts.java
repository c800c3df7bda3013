package io.custos.cli.output;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ether amounts as people type and read them. {@code 1.5eth}, {@code 20gwei}, {@code 1000wei} or a
 * plain integer (wei) in; wei out, exactly. A decimal without a unit is refused: {@code 1.5} could
 * be meant as ether or be a typo for wei, and a payout is not the place to guess.
 */
public final class Amounts {

  private static final Pattern AMOUNT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(eth|ether|gwei|wei)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern TOKEN_AMOUNT = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);

  private Amounts() {}

  /** Wei from {@code 1.5eth}, {@code 20gwei}, {@code 1000wei} or {@code 1000}. */
  public static BigInteger parseWei(String text) {
    Matcher m = AMOUNT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an amount: write e.g. 1.5eth, 20gwei or an integer number of wei");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "wei" : m.group(2).toLowerCase(Locale.ROOT);
    if (m.group(2) == null && number.scale() > 0) {
      throw new IllegalArgumentException(
          "'" + text + "' has decimals but no unit: write " + text + "eth, or an integer of wei");
    }
    int exponent =
        switch (unit) {
          case "eth", "ether" -> 18;
          case "gwei" -> 9;
          default -> 0;
        };
    BigDecimal wei = number.movePointRight(exponent);
    try {
      return wei.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is smaller than one wei: at most " + exponent + " decimals for " + unit);
    }
  }

  /** Checks a token amount in whole tokens ({@code 250.00}); the server knows the decimals. */
  public static String tokenAmount(String text) {
    String t = text == null ? "" : text.strip();
    if (!TOKEN_AMOUNT.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a token amount: write whole tokens, e.g. 250 or 250.00");
    }
    return t;
  }

  /** A token amount for people: {@code 12.500000000000000000} reads {@code 12.5}. */
  public static String tokens(String amount) {
    if (amount == null) {
      return "-";
    }
    try {
      return new BigDecimal(amount).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return amount;
    }
  }

  /** {@code 1.5 ETH}, exact, without trailing zeros. */
  public static String eth(BigInteger wei) {
    BigDecimal eth = new BigDecimal(wei).divide(WEI_PER_ETH).stripTrailingZeros();
    return eth.toPlainString() + " ETH";
  }

  /** ETH for people, or {@code N wei} when they asked for wei; a dash for null. */
  public static String show(String wei, boolean inWei) {
    if (wei == null) {
      return "-";
    }
    BigInteger value = new BigInteger(wei);
    return inWei ? value + " wei" : eth(value);
  }

  /** A fee per gas in gwei for people, or wei. */
  public static String gasPrice(String wei, boolean inWei) {
    if (wei == null) {
      return "-";
    }
    if (inWei) {
      return wei + " wei";
    }
    return new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString() + " gwei";
  }
}
