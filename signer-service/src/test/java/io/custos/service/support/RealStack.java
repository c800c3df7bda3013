package io.custos.service.support;

import io.custos.testsupport.Anvil;
import io.custos.testsupport.KeycloakServer;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.ServiceDatabase;
import io.custos.testsupport.SoftHsm;
import io.custos.testsupport.SoftHsmToken;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real components behind a {@code @QuarkusTest}: a fresh PostgreSQL database (migrated by its
 * owner role, used by a runtime role of its own, as a deployment's), a fresh SoftHSM2 token, an
 * anvil devnet of its own, and the test run's Keycloak with the Custos realm.
 */
public class RealStack implements QuarkusTestResourceLifecycleManager {

  private ServiceDatabase db;
  private Anvil anvil;
  private SoftHsmToken token;

  @Override
  public Map<String, String> start() {
    db =
        PostgresServer.shared()
            .createServiceDatabase(
                "svc_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    KeycloakServer keycloak = KeycloakServer.shared();
    anvil = Anvil.start(db.name(), Anvil.DEFAULT_CHAIN_ID);
    token = SoftHsm.createToken(db.name());
    Map<String, String> config = new HashMap<>();
    config.put("custos.ethereum.node-url", anvil.node().rpcUrl().toString());
    config.put("custos.ethereum.chain-id", Long.toString(anvil.node().chainId()));
    config.put("custos.ethereum.stuck-after", "PT2S");
    config.put("custos.hsm.module", token.modulePath().toString());
    config.put("custos.hsm.token-label", token.label());
    config.put("custos.hsm.pin-file", pinFile(token).toString());
    config.putAll(datasource(db));
    config.put("quarkus.oidc.auth-server-url", keycloak.issuer().toString());
    config.put(
        "custos.policy.file",
        Path.of("src/test/resources/policy/test-policy.yaml").toAbsolutePath().toString());
    return config;
  }

  /** The service's database settings: migrations as the owner, the service as the runtime role. */
  static Map<String, String> datasource(ServiceDatabase db) {
    return Map.of(
        "quarkus.datasource.jdbc.url", db.runtime().jdbcUrl(),
        "quarkus.datasource.username", db.runtime().user(),
        "quarkus.datasource.password", db.runtime().password(),
        "quarkus.flyway.username", db.owner().user(),
        "quarkus.flyway.password", db.owner().password());
  }

  private static Path pinFile(SoftHsmToken token) {
    Path file = token.configFile().resolveSibling("user.pin");
    try {
      Files.writeString(file, token.userPin());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (anvil != null) {
      anvil.close();
    }
    if (token != null) {
      SoftHsm.deleteToken(token);
    }
    if (db != null) {
      PostgresServer.shared().dropDatabase(db.name());
    }
  }
}
