package io.custos.service.support;

import io.custos.testsupport.Anvil;
import io.custos.testsupport.KeycloakServer;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real components behind a {@code @QuarkusTest}: a fresh PostgreSQL database, an anvil devnet
 * of its own, and the test run's Keycloak with the Custos realm.
 */
public class RealStack implements QuarkusTestResourceLifecycleManager {

  private TestDatabase db;
  private Anvil anvil;

  @Override
  public Map<String, String> start() {
    db =
        PostgresServer.shared()
            .createDatabase(
                "svc_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    KeycloakServer keycloak = KeycloakServer.shared();
    anvil = Anvil.start(db.name(), Anvil.DEFAULT_CHAIN_ID);
    return Map.of(
        "custos.ethereum.node-url", anvil.node().rpcUrl().toString(),
        "custos.ethereum.chain-id", Long.toString(anvil.node().chainId()),
        "quarkus.datasource.jdbc.url", db.jdbcUrl(),
        "quarkus.datasource.username", db.user(),
        "quarkus.datasource.password", db.password(),
        "quarkus.oidc.auth-server-url", keycloak.issuer().toString());
  }

  @Override
  public void stop() {
    if (anvil != null) {
      anvil.close();
    }
    if (db != null) {
      PostgresServer.shared().dropDatabase(db.name());
    }
  }
}
