package io.custos.hsm;

/** The rule for key labels, shared by every vault implementation. */
public final class KeyLabels {

  private KeyLabels() {}

  /**
   * Checks a label: 1 to 64 printable ASCII characters without surrounding spaces, so that it
   * survives every HSM vendor's label handling unchanged.
   */
  public static String requireValid(String label) {
    if (label == null
        || label.isEmpty()
        || label.length() > 64
        || !label.equals(label.strip())
        || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "a key label is 1 to 64 printable ASCII characters, got: " + label);
    }
    return label;
  }
}
