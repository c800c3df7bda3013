package io.custos.service.support;

import io.custos.testsupport.KeycloakServer;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real components behind a {@code @QuarkusTest}: a fresh PostgreSQL database and the test run's
 * Keycloak with the Custos realm.
 */
public class RealStack implements QuarkusTestResourceLifecycleManager {

  private TestDatabase db;

  @Override
  public Map<String, String> start() {
    db =
        PostgresServer.shared()
            .createDatabase(
                "svc_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    KeycloakServer keycloak = KeycloakServer.shared();
    return Map.of(
        "quarkus.datasource.jdbc.url", db.jdbcUrl(),
        "quarkus.datasource.username", db.user(),
        "quarkus.datasource.password", db.password(),
        "quarkus.oidc.auth-server-url", keycloak.issuer().toString());
  }

  @Override
  public void stop() {
    if (db != null) {
      PostgresServer.shared().dropDatabase(db.name());
    }
  }
}
