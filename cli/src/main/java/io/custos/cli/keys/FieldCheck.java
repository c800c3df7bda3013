package io.custos.cli.keys;

/**
 * One field of typed data as the CLI shows it before signing, like a hardware wallet would.
 *
 * @param field the field's path in the message, e.g. {@code requestId} or {@code domain.chainId}
 * @param signed the value that would be signed
 * @param expected the value the CLI read itself from the API, or null when it has none to compare
 * @param matches true when compared and equal, false when compared and different, null when only
 *     shown
 */
public record FieldCheck(String field, String signed, String expected, Boolean matches) {

  public boolean mismatch() {
    return Boolean.FALSE.equals(matches);
  }
}
