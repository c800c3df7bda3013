package io.custos.service.hsm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The organization's HSM. The token is named by label or by serial (slot ids change between
 * processes); the user PIN comes from an environment variable or a file and is never part of the
 * configuration itself.
 */
@ConfigMapping(prefix = "custos.hsm")
public interface HsmConfig {

  /** The vendor's PKCS#11 library (env CUSTOS_HSM_MODULE). */
  Path module();

  /** The token's label; give this or {@link #tokenSerial()}. */
  Optional<String> tokenLabel();

  /** The token's serial number; give this or {@link #tokenLabel()}. */
  Optional<String> tokenSerial();

  /** Name of the environment variable that holds the user PIN; give this or {@link #pinFile()}. */
  Optional<String> pinEnv();

  /** A file holding the user PIN (e.g. a mounted secret); give this or {@link #pinEnv()}. */
  Optional<Path> pinFile();

  /** Sessions kept open; each serves one signing thread at a time. */
  @WithDefault("8")
  @Min(1)
  @Max(1024)
  int poolSize();

  /** How long a signer waits for a free session. */
  @WithDefault("PT5S")
  Duration borrowTimeout();
}
