package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.model.AddressBook;
import io.custos.policy.model.AddressMatch;
import io.custos.policy.model.AddressSet;
import io.custos.policy.value.Address;
import io.custos.policy.value.Amount;
import io.custos.policy.value.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the value syntaxes of the policy language: amounts, durations, address references.
 */
final class Values {
  private static final Pattern AMOUNT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ([A-Za-z][A-Za-z0-9._-]*)");
  private static final Pattern DURATION =
      Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");

  private final AddressBook book;
  private final Set<String> groups;

  Values(AddressBook book, Set<String> groups) {
    this.book = book;
    this.groups = Set.copyOf(groups);
  }

  /** The contracts of the address book's tokens. */
  Set<Address> tokenAddresses() {
    Set<Address> out = new HashSet<>();
    book.tokens().values().forEach(t -> out.add(t.address()));
    return out;
  }

  /** A token symbol defined in the address book. */
  Asset.Token token(Cursor at) throws PolicyParseException {
    Asset.Token token = book.tokens().get(at.text());
    if (token == null) {
      throw at.error("'" + at.text() + "' is not a token in address_book.tokens");
    }
    return token;
  }

  /** A group name declared under {@code groups}. */
  String group(Cursor at) throws PolicyParseException {
    String name = at.nonBlankText();
    if (!groups.contains(name)) {
      throw at.error("'" + name + "' is not a group declared under groups");
    }
    return name;
  }

  /** Parses {@code "<number> <unit>"}: wei, gwei, ETH/ether, or a token symbol from the book. */
  Amount amount(Cursor at) throws PolicyParseException {
    String text = at.text().strip();
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches()) {
      throw at.error("'" + text + "' is not an amount like '10 ETH', '25 gwei' or '1000 USDC'");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String unit = m.group(2);
    Asset asset;
    int decimals;
    switch (unit) {
      case "wei" -> {
        asset = Asset.NATIVE;
        decimals = 0;
      }
      case "gwei" -> {
        asset = Asset.NATIVE;
        decimals = 9;
      }
      case "ETH", "ether" -> {
        asset = Asset.NATIVE;
        decimals = 18;
      }
      default -> {
        Asset.Token token = book.tokens().get(unit);
        if (token == null) {
          throw at.error(
              "unknown unit '" + unit + "' (wei, gwei, ETH, or a token in address_book.tokens)");
        }
        asset = token;
        decimals = token.decimals();
      }
    }
    try {
      return new Amount(asset, number.movePointRight(decimals).toBigIntegerExact());
    } catch (ArithmeticException e) {
      throw at.error("'" + text + "' has more decimals than " + unit + " allows");
    } catch (IllegalArgumentException e) {
      throw at.error("'" + text + "' is out of range");
    }
  }

  /** An amount that must be in ether units. */
  BigInteger nativeAmount(Cursor at) throws PolicyParseException {
    Amount amount = amount(at);
    if (!(amount.asset() instanceof Asset.Native)) {
      throw at.error("expected an ether amount (wei, gwei or ETH)");
    }
    return amount.units();
  }

  /** An amount that must be in units of {@code token}. */
  BigInteger tokenAmount(Cursor at, Asset.Token token) throws PolicyParseException {
    Amount amount = amount(at);
    if (!amount.asset().equals(token)) {
      throw at.error("expected an amount in " + token.symbol());
    }
    return amount.units();
  }

  /** Parses durations like {@code 24h}, {@code 7d}, {@code 1h30m}, {@code 0s}. */
  static Duration duration(Cursor at) throws PolicyParseException {
    String text = at.text().strip();
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw at.error("'" + text + "' is not a duration like '90s', '30m', '24h', '7d' or '1h30m'");
    }
    try {
      Duration total = Duration.ZERO;
      long[] unitSeconds = {86_400, 3_600, 60, 1};
      for (int i = 0; i < 4; i++) {
        if (m.group(i + 1) != null) {
          total =
              total.plusSeconds(Math.multiplyExact(Long.parseLong(m.group(i + 1)), unitSeconds[i]));
        }
      }
      if (total.compareTo(Duration.ofDays(3_660)) > 0) {
        throw at.error("'" + text + "' is longer than ten years");
      }
      return total;
    } catch (ArithmeticException | NumberFormatException e) {
      throw at.error("'" + text + "' is too long");
    }
  }

  /** A list of list names, token symbols and literal addresses. */
  AddressSet addressSet(Cursor at) throws PolicyParseException {
    List<String> sources = new ArrayList<>();
    Set<Address> addresses = new HashSet<>();
    for (Cursor item : at.nonEmptyItems()) {
      String ref = item.nonBlankText();
      sources.add(ref);
      addresses.addAll(resolve(item, ref));
    }
    return new AddressSet(sources, addresses);
  }

  private Set<Address> resolve(Cursor at, String ref) throws PolicyParseException {
    if (ref.startsWith("0x") || ref.startsWith("0X")) {
      return Set.of(address(at));
    }
    if (ref.equals("denylist")) {
      return book.denylist();
    }
    Set<Address> list = book.lists().get(ref);
    if (list != null) {
      return list;
    }
    Asset.Token token = book.tokens().get(ref);
    if (token != null) {
      return Set.of(token.address());
    }
    throw at.error(
        "'" + ref + "' is not a list in address_book.lists, 'denylist', a token or an address");
  }

  /** {@code {in: [...], not_in: [...]}}. */
  AddressMatch addressMatch(Cursor at) throws PolicyParseException {
    at.map(Set.of("in", "not_in"));
    Cursor in = at.get("in");
    Cursor notIn = at.get("not_in");
    if (in == null && notIn == null) {
      throw at.error("give 'in', 'not_in' or both");
    }
    return new AddressMatch(
        in == null ? null : addressSet(in),
        notIn == null ? new AddressSet(List.of(), Set.of()) : addressSet(notIn));
  }

  /** A literal address, EIP-55 checked when mixed case. */
  static Address address(Cursor at) throws PolicyParseException {
    String text = at.text();
    try {
      return Address.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw at.error("'" + text + "' is not a valid address: " + e.getMessage());
    }
  }
}
