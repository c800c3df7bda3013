package io.custos.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The PostgreSQL server tests use, chosen once per JVM: the one named by {@code CUSTOS_TEST_DB_URL}
 * (a JDBC URL of its maintenance database, with {@code user} and optionally {@code password}
 * parameters; the word {@code embedded} forces the embedded server), else the one answering on
 * 127.0.0.1:5432 as {@code postgres}, else an embedded PostgreSQL whose binaries and data live
 * under {@code target/}.
 */
public final class PostgresServer {

  private static PostgresServer shared;

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String description;

  private PostgresServer(String host, int port, String user, String password, String description) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.description = description;
  }

  /** The server for this JVM, started on first use if it has to be embedded. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = locate();
    }
    return shared;
  }

  /** Creates an empty database owned by the test role. */
  public TestDatabase createDatabase(String name) {
    execute("CREATE DATABASE " + name);
    return database(name, user, password);
  }

  /**
   * Creates an empty database laid out as a deployment's (docs/operations.md §4): owned, schema
   * included, by a migration role {@code NAME_owner}; used by a runtime role {@code NAME_runtime}
   * that gets only what the migrations grant it. Roles are cluster-wide, so they are named after
   * the database and {@link #dropDatabase} drops them with it. Each has a random password (ignored
   * under trust authentication).
   */
  public ServiceDatabase createServiceDatabase(String name) {
    String owner = name + "_owner";
    String runtime = name + "_runtime";
    String ownerPassword = randomPassword();
    String runtimePassword = randomPassword();
    execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + ownerPassword + "'");
    execute("CREATE ROLE " + runtime + " LOGIN PASSWORD '" + runtimePassword + "'");
    execute("CREATE DATABASE " + name + " OWNER " + owner);
    TestDatabase superuser = database(name, user, password);
    try (Connection c = superuser.connect();
        Statement s = c.createStatement()) {
      // PostgreSQL 14 lets every role create in public; 15 gives the schema to the database owner.
      s.execute("ALTER SCHEMA public OWNER TO " + owner);
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL (" + description + ") refused the schema set-up", e);
    }
    return new ServiceDatabase(
        superuser, database(name, owner, ownerPassword), database(name, runtime, runtimePassword));
  }

  /**
   * Drops a database, disconnecting whoever is still in it, and the roles {@link
   * #createServiceDatabase} made for it, if any.
   */
  public void dropDatabase(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    execute("DROP ROLE IF EXISTS " + name + "_owner, " + name + "_runtime");
  }

  /** Where the server is, for messages. */
  public String describe() {
    return description;
  }

  private TestDatabase database(String name, String login, String loginPassword) {
    return new TestDatabase(
        "jdbc:postgresql://" + host + ":" + port + "/" + name, login, loginPassword, name);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private void execute(String sql) {
    try (Connection c = maintenanceConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      // A role's password never goes into the message.
      throw new IllegalStateException(
          "PostgreSQL ("
              + description
              + ") refused: "
              + sql.replaceAll("PASSWORD '[^']*'", "PASSWORD '…'"),
          e);
    }
  }

  private Connection maintenanceConnection() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/postgres", props);
  }

  private static PostgresServer locate() {
    String url =
        Tools.firstNonBlank(
            System.getenv("CUSTOS_TEST_DB_URL"), System.getProperty("custos.test.db.url"));
    if ("embedded".equalsIgnoreCase(url)) {
      return embedded();
    }
    if (url != null) {
      return fromUrl(url);
    }
    if (answers("127.0.0.1", 5432)) {
      return new PostgresServer("127.0.0.1", 5432, "postgres", "", "local server 127.0.0.1:5432");
    }
    return embedded();
  }

  private static PostgresServer fromUrl(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "CUSTOS_TEST_DB_URL must be jdbc:postgresql://host:port/db?user=...&password=... or 'embedded'");
    }
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String user = "postgres";
    String password = "";
    if (uri.getQuery() != null) {
      for (String kv : uri.getQuery().split("&")) {
        String[] p = kv.split("=", 2);
        if (p.length == 2 && p[0].equals("user")) {
          user = p[1];
        } else if (p.length == 2 && p[0].equals("password")) {
          password = p[1];
        }
      }
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    return new PostgresServer(uri.getHost(), port, user, password, uri.getHost() + ":" + port);
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static PostgresServer embedded() {
    Path root = Tools.buildDir().resolve("embedded-postgres");
    try {
      Files.createDirectories(root);
      Path data = root.resolve("data-" + ProcessHandle.current().pid());
      Tools.deleteRecursively(data);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(root.toFile())
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "embedded-pg-stop"));
      return new PostgresServer(
          "127.0.0.1", pg.getPort(), "postgres", "", "embedded PostgreSQL on port " + pg.getPort());
    } catch (IOException e) {
      throw new MissingComponentException(
          "No PostgreSQL answers on 127.0.0.1:5432 and the embedded one did not start ("
              + e.getMessage()
              + ").",
          "Start a local server or set CUSTOS_TEST_DB_URL to one.",
          e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      // The JVM is exiting; the data directory lives under target/ and goes with the next clean.
    }
  }
}
