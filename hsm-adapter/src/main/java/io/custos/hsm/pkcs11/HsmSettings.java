package io.custos.hsm.pkcs11;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach the HSM.
 *
 * @param modulePath the vendor's PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokens the tokens to use, at least one; new keys are generated on the first
 * @param poolSize sessions per token; a session serves one thread at a time
 * @param borrowTimeout how long a signer waits for a free session before {@code POOL_EXHAUSTED}
 */
public record HsmSettings(
    Path modulePath, List<TokenSettings> tokens, int poolSize, Duration borrowTimeout) {

  /** Validates; the list is copied. */
  public HsmSettings {
    Objects.requireNonNull(modulePath, "modulePath");
    Objects.requireNonNull(borrowTimeout, "borrowTimeout");
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("configure at least one token");
    }
    if (poolSize < 1 || poolSize > 1024) {
      throw new IllegalArgumentException("poolSize must be in [1, 1024], got " + poolSize);
    }
    if (borrowTimeout.isNegative()) {
      throw new IllegalArgumentException("borrowTimeout must not be negative");
    }
  }

  /** Settings for one token with a five-second wait for a session. */
  public static HsmSettings of(Path modulePath, TokenSettings token, int poolSize) {
    return new HsmSettings(modulePath, List.of(token), poolSize, Duration.ofSeconds(5));
  }
}
