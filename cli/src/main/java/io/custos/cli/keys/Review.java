package io.custos.cli.keys;

import java.util.HexFormat;
import java.util.List;

/**
 * What the CLI found in typed data it was asked to sign.
 *
 * @param digest the EIP-712 digest the CLI computed itself from the typed data
 * @param fields every field, with what it was compared to
 * @param problems why not to sign it; empty when it may be signed
 */
public record Review(byte[] digest, List<FieldCheck> fields, List<String> problems) {

  public Review {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public String digestHex() {
    return digest == null ? null : "0x" + HexFormat.of().formatHex(digest);
  }
}
