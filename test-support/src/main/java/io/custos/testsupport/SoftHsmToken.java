package io.custos.testsupport;

import java.nio.file.Path;

/**
 * A freshly initialised SoftHSM2 token in a directory of its own.
 *
 * @param modulePath the PKCS#11 library to load
 * @param configFile the SoftHSM2 configuration that points at {@code tokenDir}
 * @param tokenDir where the token's objects live (delete it to simulate a vanished token)
 * @param label the token label, unique per test class
 * @param soPin the security officer PIN
 * @param userPin the user PIN
 */
public record SoftHsmToken(
    Path modulePath, Path configFile, Path tokenDir, String label, String soPin, String userPin) {

  @Override
  public String toString() {
    return "SoftHsmToken[label=" + label + ", tokenDir=" + tokenDir + ", pins=***]";
  }
}
