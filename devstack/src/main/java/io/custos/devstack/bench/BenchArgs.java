package io.custos.devstack.bench;

import java.net.URI;
import java.nio.file.Path;

/**
 * What {@code ./custos bench} measures and where the local stack is.
 *
 * @param requests transfers per pass
 * @param concurrency submissions in flight in the closed-loop pass, and raw signing threads
 * @param wallets wallets the transfers are spread over (round robin)
 * @param service the signer-service
 * @param management the signer-service's management interface (metrics)
 * @param issuer the Keycloak realm
 * @param node the anvil devnet
 * @param softHsmDir the stack's SoftHSM2 directory (softhsm2.conf, user.pin)
 * @param pkcs11Module the SoftHSM2 library
 * @param botSecretFile the file ./custos up keeps the demo staking-bot's secret in
 * @param samples where to write the open loop's samples as CSV, or null
 */
record BenchArgs(
    int requests,
    int concurrency,
    int wallets,
    URI service,
    URI management,
    URI issuer,
    URI node,
    Path softHsmDir,
    Path pkcs11Module,
    Path botSecretFile,
    Path samples) {

  BenchArgs {
    if (requests < 1 || concurrency < 1 || wallets < 1) {
      throw new IllegalArgumentException("--requests, --concurrency and --wallets must be >= 1");
    }
  }

  /**
   * {@code --requests N --concurrency C --wallets W [--samples FILE]} and the stack's locations as
   * properties.
   */
  static BenchArgs parse(String[] args) {
    int requests = 1000;
    int concurrency = 16;
    int wallets = 4;
    Path samples = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--requests" -> requests = number(args[i], value);
        case "--concurrency" -> concurrency = number(args[i], value);
        case "--wallets" -> wallets = number(args[i], value);
        case "--samples" -> {
          if (value == null) {
            throw new IllegalArgumentException("--samples needs a file");
          }
          samples = Path.of(value);
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --requests N --concurrency C --wallets W --samples FILE");
      }
      i++;
    }
    return new BenchArgs(
        requests,
        concurrency,
        wallets,
        URI.create(property("custos.bench.service", "http://127.0.0.1:8080")),
        URI.create(property("custos.bench.management", "http://127.0.0.1:9000")),
        URI.create(property("custos.bench.issuer", "http://127.0.0.1:8180/realms/custos")),
        URI.create(property("custos.bench.node", "http://127.0.0.1:8545")),
        Path.of(property("custos.bench.softhsm-dir", ".custos/softhsm")),
        Path.of(property("custos.bench.pkcs11-module", "/usr/lib/softhsm/libsofthsm2.so")),
        Path.of(property("custos.bench.bot-secret-file", ".custos/staking-bot.secret")),
        samples);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value);
    }
  }

  private static String property(String name, String fallback) {
    return System.getProperty(name, fallback);
  }
}
