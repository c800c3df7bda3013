package io.custos.cli.output;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calldata as a person reads it: the function of a known selector with its static arguments, else
 * the selector and size. Enough for an approver to see what a contract call does; not an ABI
 * decoder.
 */
public final class Calldata {

  private record Function(String signature, List<String> names, List<String> types) {}

  private static final Map<String, Function> KNOWN =
      Map.of(
          "a9059cbb",
          new Function("transfer", List.of("to", "amount"), List.of("address", "uint256")),
          "095ea7b3",
          new Function("approve", List.of("spender", "amount"), List.of("address", "uint256")),
          "23b872dd",
          new Function(
              "transferFrom",
              List.of("from", "to", "amount"),
              List.of("address", "address", "uint256")),
          "22895118",
          new Function(
              "deposit",
              List.of("pubkey", "withdrawal_credentials", "signature", "deposit_data_root"),
              List.of("bytes", "bytes", "bytes", "bytes32")),
          "d0e30db0",
          new Function("deposit", List.of(), List.of()),
          "2e1a7d4d",
          new Function("withdraw", List.of("amount"), List.of("uint256")));

  private Calldata() {}

  /** A one-line description; {@code (none)} for empty calldata. */
  public static String describe(String hex) {
    String h = hex == null ? "" : hex.startsWith("0x") ? hex.substring(2) : hex;
    if (h.isEmpty()) {
      return "(none)";
    }
    if (h.length() < 8) {
      return "0x" + h + " (" + h.length() / 2 + " bytes, no function selector)";
    }
    String selector = h.substring(0, 8).toLowerCase();
    Function f = KNOWN.get(selector);
    if (f == null) {
      return "selector 0x" + selector + " (unknown function), " + h.length() / 2 + " bytes";
    }
    return f.signature() + "(" + String.join(", ", arguments(f, h.substring(8))) + ")";
  }

  private static List<String> arguments(Function f, String args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < f.types().size(); i++) {
      String type = f.types().get(i);
      String word = args.length() >= (i + 1) * 64 ? args.substring(i * 64, (i + 1) * 64) : null;
      String value =
          word == null
              ? "?"
              : switch (type) {
                case "address" -> "0x" + word.substring(24);
                case "uint256" -> new BigInteger(word, 16).toString();
                case "bytes32" -> "0x" + word;
                default -> "<" + type + ">";
              };
      out.add(type + " " + f.names().get(i) + "=" + value);
    }
    return out;
  }
}
