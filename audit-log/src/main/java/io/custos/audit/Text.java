package io.custos.audit;

/** Shared validation of the short strings that go into entries. */
final class Text {

  private static final int MAX = 256;

  private Text() {}

  static void requireToken(String value, String what) {
    if (value == null || value.isBlank() || value.length() > MAX) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX + " characters, not blank");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
  }
}
