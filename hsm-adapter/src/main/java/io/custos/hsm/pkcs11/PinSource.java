package io.custos.hsm.pkcs11;

import io.custos.hsm.HsmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the user PIN comes from. The PIN itself is never part of the configuration, never logged
 * and never put in a message; it is read when the vault logs in.
 */
public sealed interface PinSource {

  /**
   * Reads the PIN.
   *
   * @throws HsmException {@link HsmException.Reason#PIN_UNAVAILABLE} if it cannot be read
   */
  char[] read();

  /** The PIN is the value of an environment variable. */
  record EnvironmentVariable(String name) implements PinSource {
    public EnvironmentVariable {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("the PIN variable name is blank");
      }
    }

    @Override
    public char[] read() {
      String value = System.getenv(name);
      if (value == null || value.isEmpty()) {
        throw new HsmException(
            HsmException.Reason.PIN_UNAVAILABLE, "environment variable " + name + " is not set");
      }
      return value.toCharArray();
    }
  }

  /** The PIN is the content of a file (a trailing newline is ignored), e.g. a mounted secret. */
  record File(Path path) implements PinSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public char[] read() {
      String value;
      try {
        value = Files.readString(path, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        // The exception names the file only; its content never reaches a message.
        throw new HsmException(
            HsmException.Reason.PIN_UNAVAILABLE,
            "cannot read the PIN file " + path + ": " + e.getClass().getSimpleName());
      }
      if (value.isEmpty()) {
        throw new HsmException(
            HsmException.Reason.PIN_UNAVAILABLE, "the PIN file is empty: " + path);
      }
      return value.toCharArray();
    }
  }
}
