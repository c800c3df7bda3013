package io.custos.policy.abi;

import io.custos.policy.value.HexData;
import io.custos.policy.value.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A function as written in a policy, e.g. {@code deposit(bytes pubkey, bytes
 * withdrawal_credentials, bytes signature, bytes32 deposit_data_root)}; parameter names are
 * optional and let rules constrain arguments by name.
 *
 * @param name the function name
 * @param parameters the parameters in order
 * @param selector the first four bytes of keccak-256 of the canonical signature
 */
public record FunctionSignature(String name, List<Parameter> parameters, HexData selector) {

  /**
   * One parameter.
   *
   * @param type its ABI type
   * @param name its name, or {@code arg<index>} when the signature gives none
   */
  public record Parameter(AbiType type, String name) {}

  public FunctionSignature {
    parameters = List.copyOf(parameters);
  }

  /**
   * Parses {@code name(type [name], ...)}.
   *
   * @throws IllegalArgumentException when the text is not a supported signature
   */
  public static FunctionSignature parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (!trimmed.matches("[A-Za-z_$][A-Za-z0-9_$]*\\(.*\\)")) {
      throw new IllegalArgumentException("function signature must look like name(type name, ...)");
    }
    int open = trimmed.indexOf('(');
    String name = trimmed.substring(0, open);
    String inner = trimmed.substring(open + 1, trimmed.length() - 1).strip();
    List<Parameter> parameters = new ArrayList<>();
    if (!inner.isEmpty()) {
      String[] parts = inner.split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        parameters.add(parseParameter(parts[i].strip(), i));
      }
    }
    String canonical =
        name
            + parameters.stream()
                .map(p -> p.type().canonical())
                .collect(Collectors.joining(",", "(", ")"));
    byte[] hash = Keccak.hash256(canonical.getBytes(StandardCharsets.US_ASCII));
    return new FunctionSignature(name, parameters, HexData.of(Arrays.copyOf(hash, 4)));
  }

  private static Parameter parseParameter(String text, int index) {
    String[] words = text.split("\\s+");
    if (text.isEmpty() || words.length > 2) {
      throw new IllegalArgumentException("parameter " + index + " must be 'type' or 'type name'");
    }
    String paramName = words.length == 2 ? words[1] : "arg" + index;
    if (!paramName.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
      throw new IllegalArgumentException("parameter name '" + paramName + "' is not an identifier");
    }
    return new Parameter(AbiType.parse(words[0]), paramName);
  }

  /** The canonical form used for the selector, e.g. {@code transfer(address,uint256)}. */
  public String canonical() {
    return name
        + parameters.stream()
            .map(p -> p.type().canonical())
            .collect(Collectors.joining(",", "(", ")"));
  }

  /** Index of the named parameter, or -1. */
  public int indexOf(String parameterName) {
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).name().equals(parameterName)) {
        return i;
      }
    }
    return -1;
  }
}
