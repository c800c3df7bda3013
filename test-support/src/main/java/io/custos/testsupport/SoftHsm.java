package io.custos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates SoftHSM2 tokens for tests.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once, in {@code C_Initialize}, and a JVM cannot change
 * its own environment. So the build points {@code SOFTHSM2_CONF} at a file under {@code
 * target/softhsm}, and each {@link #createToken} rewrites that file to name a fresh token
 * directory. A test class must initialise its PKCS#11 module after its token is created and
 * finalise it when done, so the next class reads its own configuration.
 */
public final class SoftHsm {

  static final List<Path> MODULE_CANDIDATES =
      List.of(
          Paths.get("/usr/lib/softhsm/libsofthsm2.so"),
          Paths.get("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Paths.get("/usr/local/lib/softhsm/libsofthsm2.so"));

  private static final SecureRandom RANDOM = new SecureRandom();

  private SoftHsm() {}

  /** The SoftHSM2 PKCS#11 library on this machine. */
  public static Path modulePath() {
    String configured = System.getenv("CUSTOS_PKCS11_MODULE");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return MODULE_CANDIDATES.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new MissingComponentException(
                    "SoftHSM2 is not installed (no libsofthsm2.so in " + MODULE_CANDIDATES + ").",
                    Tools.INSTALL_HINT + " On Debian/Ubuntu: apt-get install softhsm2 opensc."));
  }

  /** Initialises a new token labelled {@code label} in a directory of its own. */
  public static SoftHsmToken createToken(String label) {
    Path module = modulePath();
    Path activeConf = activeConfigFile();
    Path dir = Tools.buildDir().resolve("softhsm").resolve(label);
    Path tokenDir = dir.resolve("tokens");
    Path conf = dir.resolve("softhsm2.conf");
    String config =
        "directories.tokendir = "
            + tokenDir
            + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n";
    try {
      Tools.deleteRecursively(dir);
      Files.createDirectories(tokenDir);
      Files.writeString(conf, config, StandardCharsets.UTF_8);
      Files.createDirectories(activeConf.getParent());
      Files.writeString(activeConf, config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare SoftHSM2 directory " + dir, e);
    }
    String soPin = randomPin();
    String userPin = randomPin();
    initToken(conf, label, soPin, userPin);
    return new SoftHsmToken(module, conf, tokenDir, label, soPin, userPin);
  }

  /** Removes the token directory and its configuration. */
  public static void deleteToken(SoftHsmToken token) {
    Tools.deleteRecursively(token.configFile().getParent());
  }

  private static Path activeConfigFile() {
    String env = System.getenv("SOFTHSM2_CONF");
    if (env == null || env.isBlank()) {
      throw new MissingComponentException(
          "SOFTHSM2_CONF is not set for this JVM; SoftHSM2 reads it once, when the module initialises.",
          "Run the tests through ./mvnw or ./custos test (the parent pom sets it), or export it.");
    }
    return Paths.get(env);
  }

  private static void initToken(Path conf, String label, String soPin, String userPin) {
    ProcessBuilder pb =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                soPin,
                "--pin",
                userPin)
            .redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", conf.toString());
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        // softhsm2-util does not echo PINs; its output is safe to show.
        throw new IllegalStateException("softhsm2-util --init-token failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new MissingComponentException(
          "softhsm2-util could not be run.",
          Tools.INSTALL_HINT + " On Debian/Ubuntu: apt-get install softhsm2.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while initialising a SoftHSM2 token", e);
    }
  }

  private static String randomPin() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
