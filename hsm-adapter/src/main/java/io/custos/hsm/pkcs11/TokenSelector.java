package io.custos.hsm.pkcs11;

import java.util.Objects;

/**
 * Which token to use. Tokens are chosen by label or serial number, never by slot id: slot ids
 * change between processes and after a token is re-initialised.
 */
public sealed interface TokenSelector {

  /** Whether a token with this label and serial number is the one selected. */
  boolean matches(String tokenLabel, String tokenSerial);

  /** The token whose {@code CK_TOKEN_INFO.label} (trailing blanks removed) equals {@code label}. */
  record ByLabel(String label) implements TokenSelector {
    public ByLabel {
      Objects.requireNonNull(label, "label");
      if (label.isBlank() || label.length() > 32) {
        throw new IllegalArgumentException("a token label is 1 to 32 characters");
      }
    }

    @Override
    public boolean matches(String tokenLabel, String tokenSerial) {
      return label.equals(tokenLabel);
    }
  }

  /** The token whose {@code CK_TOKEN_INFO.serialNumber} (blanks removed) equals {@code serial}. */
  record BySerial(String serial) implements TokenSelector {
    public BySerial {
      Objects.requireNonNull(serial, "serial");
      if (serial.isBlank() || serial.length() > 16) {
        throw new IllegalArgumentException("a token serial number is 1 to 16 characters");
      }
    }

    @Override
    public boolean matches(String tokenLabel, String tokenSerial) {
      return serial.equals(tokenSerial);
    }
  }
}
