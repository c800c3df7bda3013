package io.custos.hsm.pkcs11;

import java.util.Objects;

/**
 * One token the vault uses.
 *
 * @param selector how to find the token
 * @param pin where its user PIN comes from
 */
public record TokenSettings(TokenSelector selector, PinSource pin) {

  /** Requires both parts. */
  public TokenSettings {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(pin, "pin");
  }
}
