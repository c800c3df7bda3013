package io.custos.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the documented example policies, so the docs and the tests cannot drift apart. */
final class Examples {
  static final Path DIR = Path.of("..", "docs", "policy-examples");

  private Examples() {}

  static String text(String file) {
    try {
      return Files.readString(DIR.resolve(file));
    } catch (IOException e) {
      throw new IllegalStateException("example policy " + file + " is missing", e);
    }
  }

  static Policy policy(String file) {
    try {
      return PolicyParser.parse(text(file));
    } catch (PolicyParseException e) {
      throw new IllegalStateException(
          "example policy " + file + " does not parse: " + e.getMessage(), e);
    }
  }
}
