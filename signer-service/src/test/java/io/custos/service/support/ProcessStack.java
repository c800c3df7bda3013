package io.custos.service.support;

import io.custos.testsupport.Anvil;
import io.custos.testsupport.KeycloakServer;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.RpcFaultProxy;
import io.custos.testsupport.ServiceDatabase;
import io.custos.testsupport.SoftHsm;
import io.custos.testsupport.SoftHsmToken;
import io.custos.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real components behind service processes ({@link ServiceProcess}): a fresh PostgreSQL
 * database (migrated by its owner role, used by a runtime role of its own), a fresh SoftHSM2 token,
 * an anvil devnet reached through an {@link RpcFaultProxy}, and the test run's Keycloak. Every
 * process started from one stack shares its database and token, as two instances of a deployment
 * do.
 */
public final class ProcessStack implements AutoCloseable {

  private final String name;
  private final ServiceDatabase db;
  private final Anvil anvil;
  private final RpcFaultProxy proxy;
  private final SoftHsmToken token;
  private final Path pinFile;
  private final KeycloakServer keycloak;
  private final List<ServiceProcess> started = new ArrayList<>();

  private ProcessStack(
      String name,
      ServiceDatabase db,
      Anvil anvil,
      RpcFaultProxy proxy,
      SoftHsmToken token,
      Path pinFile,
      KeycloakServer keycloak) {
    this.name = name;
    this.db = db;
    this.anvil = anvil;
    this.proxy = proxy;
    this.token = token;
    this.pinFile = pinFile;
    this.keycloak = keycloak;
  }

  /** Starts the components; anvil mines a block a second (plus {@code anvilArgs}). */
  public static ProcessStack start(String name, String... anvilArgs) {
    String id = name + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
    KeycloakServer keycloak = KeycloakServer.shared();
    ServiceDatabase db = PostgresServer.shared().createServiceDatabase(id);
    List<String> args = new ArrayList<>(List.of("--block-time", "1"));
    args.addAll(List.of(anvilArgs));
    Anvil anvil = Anvil.start(id, Anvil.DEFAULT_CHAIN_ID, args.toArray(String[]::new));
    RpcFaultProxy proxy = RpcFaultProxy.start(anvil.node().rpcUrl());
    SoftHsmToken token = SoftHsm.createToken(id);
    return new ProcessStack(id, db, anvil, proxy, token, pinFile(token), keycloak);
  }

  /** Starts (or restarts) a service instance on this stack and keeps it to stop at the end. */
  public ServiceProcess startService(String instance) {
    ServiceProcess service = ServiceProcess.start(name + "-" + instance, env());
    started.add(service);
    return service;
  }

  /** The service's configuration, as environment variables (see application.properties). */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", db.runtime().jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", db.runtime().user());
    env.put("QUARKUS_DATASOURCE_PASSWORD", db.runtime().password());
    env.put("QUARKUS_FLYWAY_USERNAME", db.owner().user());
    env.put("QUARKUS_FLYWAY_PASSWORD", db.owner().password());
    env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer().toString());
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("CUSTOS_ETHEREUM_NODE_URL", proxy.url().toString());
    env.put("CUSTOS_ETHEREUM_CHAIN_ID", Long.toString(anvil.node().chainId()));
    env.put("CUSTOS_ETHEREUM_CONFIRMATIONS", "2");
    env.put("CUSTOS_ETHEREUM_FOLLOW_EVERY", "PT1S");
    env.put("CUSTOS_ETHEREUM_CALL_TIMEOUT", "PT5S");
    env.put("CUSTOS_REQUESTS_RELEASE_EVERY", "PT1S");
    // Each process reads the token's own configuration at C_Initialize and logs in by itself.
    env.put("SOFTHSM2_CONF", token.configFile().toString());
    env.put("CUSTOS_HSM_MODULE", token.modulePath().toString());
    env.put("CUSTOS_HSM_TOKEN_LABEL", token.label());
    env.put("CUSTOS_HSM_PIN_FILE", pinFile.toString());
    env.put(
        "CUSTOS_POLICY_FILE",
        Path.of("src/test/resources/policy/test-policy.yaml").toAbsolutePath().toString());
    return env;
  }

  /**
   * The configuration of a deployment with a single database role: no owner for the migrations
   * (quarkus.flyway.username unset), so the role the service runs as owns every table.
   */
  public Map<String, String> envWithOneRole() {
    Map<String, String> env = env();
    env.remove("QUARKUS_FLYWAY_USERNAME");
    env.remove("QUARKUS_FLYWAY_PASSWORD");
    env.put("QUARKUS_DATASOURCE_USERNAME", db.owner().user());
    env.put("QUARKUS_DATASOURCE_PASSWORD", db.owner().password());
    return env;
  }

  /** The stack's database as the superuser sees it: past every grant, for checks. */
  public TestDatabase db() {
    return db.superuser();
  }

  /** anvil itself, bypassing the proxy: what the chain really holds. */
  public URI chain() {
    return anvil.node().rpcUrl();
  }

  public RpcFaultProxy proxy() {
    return proxy;
  }

  @Override
  public void close() {
    started.forEach(ServiceProcess::stop);
    proxy.close();
    anvil.close();
    SoftHsm.deleteToken(token);
    PostgresServer.shared().dropDatabase(db.name());
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
}
