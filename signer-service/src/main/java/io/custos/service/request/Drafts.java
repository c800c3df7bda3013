package io.custos.service.request;

import io.custos.policy.model.AddressBook;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a submitted body into a {@link Draft}, strictly: every malformed field is a 400 naming the
 * field; a well-formed body that names an unknown token is a 422. Nothing is stored before this
 * passes.
 */
final class Drafts {

  static final int MAX_DATA_BYTES = 128 * 1024;
  static final int MAX_MEMO = 256;
  private static final Pattern WEI = Pattern.compile("0|[1-9][0-9]{0,77}");
  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,77})?");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private Drafts() {}

  static Draft parse(SubmitBody body, AddressBook book) {
    if (body == null) {
      throw invalid("a JSON body is required");
    }
    String wallet = required(body.wallet(), "wallet");
    Address to = address(required(body.to(), "to"));
    BigInteger maxFee = optionalWei(body.maxFeePerGas(), "maxFeePerGas");
    BigInteger maxTip = optionalWei(body.maxPriorityFeePerGas(), "maxPriorityFeePerGas");
    String memo = memo(body.memo());
    if (body.token() != null || body.amount() != null) {
      if (body.value() != null || body.data() != null) {
        throw invalid("an ERC-20 transfer takes token and amount, not value or data");
      }
      Asset.Token token = token(required(body.token(), "token"), book.tokens());
      BigInteger units = tokenUnits(required(body.amount(), "amount"), token);
      HexData data = Erc20Calls.transfer(to, units);
      return new Draft(
          wallet,
          RequestKind.ERC20_TRANSFER,
          to,
          Wei.ZERO,
          token,
          units,
          data,
          maxFee,
          maxTip,
          memo);
    }
    Wei value = new Wei(wei(required(body.value(), "value"), "value"));
    if (body.data() != null) {
      return new Draft(
          wallet,
          RequestKind.CONTRACT_CALL,
          to,
          value,
          null,
          null,
          data(body.data()),
          maxFee,
          maxTip,
          memo);
    }
    return new Draft(
        wallet,
        RequestKind.NATIVE_TRANSFER,
        to,
        value,
        null,
        null,
        HexData.EMPTY,
        maxFee,
        maxTip,
        memo);
  }

  /**
   * SHA-256 over the validated fields, each length-prefixed so no two bodies share an encoding;
   * equal for bodies that differ only in how the same values are written (address case, JSON field
   * order, trailing zeros of a token amount).
   */
  static byte[] canonicalHash(Draft d) {
    StringBuilder out = new StringBuilder();
    field(out, "wallet", d.walletLabel());
    field(out, "kind", d.kind().storedName());
    field(out, "to", d.to().lowerHex());
    field(out, "value", d.value().value().toString());
    field(out, "token", d.token() == null ? null : d.token().symbol());
    field(out, "units", d.tokenUnits() == null ? null : d.tokenUnits().toString());
    field(out, "data", d.data().toString());
    field(out, "maxFeePerGas", d.maxFeePerGas() == null ? null : d.maxFeePerGas().toString());
    field(
        out,
        "maxPriorityFeePerGas",
        d.maxPriorityFeePerGas() == null ? null : d.maxPriorityFeePerGas().toString());
    field(out, "memo", d.memo());
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(name).append('=');
    if (value == null) {
      out.append("-;");
    } else {
      out.append(value.length()).append(':').append(value).append(';');
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is required");
    }
    return value;
  }

  private static Address address(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("to: " + e.getMessage());
    }
  }

  private static BigInteger wei(String text, String field) {
    if (!WEI.matcher(text).matches()) {
      throw invalid(field + " must be a whole number of wei written in decimal, e.g. \"1000\"");
    }
    BigInteger value = new BigInteger(text);
    if (value.compareTo(Wei.MAX_UINT256) > 0) {
      throw invalid(field + " must be below 2^256");
    }
    return value;
  }

  static BigInteger optionalWei(String text, String field) {
    return text == null ? null : wei(text, field);
  }

  private static HexData data(String text) {
    if (!HEX.matcher(text).matches()) {
      throw invalid("data must be 0x followed by an even number of hex digits");
    }
    if ((text.length() - 2) / 2 > MAX_DATA_BYTES) {
      throw invalid("data must be at most " + MAX_DATA_BYTES + " bytes");
    }
    return HexData.of(HexFormat.of().parseHex(text, 2, text.length()));
  }

  private static String memo(String memo) {
    if (memo != null && memo.length() > MAX_MEMO) {
      throw invalid("memo must be at most " + MAX_MEMO + " characters");
    }
    return memo;
  }

  private static Asset.Token token(String symbol, Map<String, Asset.Token> tokens) {
    Asset.Token token = tokens.get(symbol);
    if (token == null) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE,
          "token '" + symbol + "' is not in the policy's address book",
          Map.of("token", symbol));
    }
    return token;
  }

  private static BigInteger tokenUnits(String amount, Asset.Token token) {
    if (!DECIMAL.matcher(amount).matches()) {
      throw invalid("amount must be a decimal number of whole tokens, e.g. \"250.00\"");
    }
    BigDecimal units = new BigDecimal(amount).movePointRight(token.decimals());
    BigInteger exact;
    try {
      exact = units.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw invalid("amount has more than " + token.decimals() + " decimals for " + token.symbol());
    }
    if (exact.compareTo(Wei.MAX_UINT256) > 0) {
      throw invalid("amount must be below 2^256 smallest units");
    }
    return exact;
  }

  private static ApiException invalid(String detail) {
    return new ApiException(ProblemType.VALIDATION, detail);
  }
}
