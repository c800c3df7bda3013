package io.custos.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded PostgreSQL for the local stack until the process is told to stop (SIGTERM),
 * keeping its data between runs so that a second {@code ./custos demo} finds what the first left.
 *
 * <p>Usage: {@code EmbeddedPostgresMain DATA_DIR PORT DATABASE}. Prints {@code ready} once the
 * database accepts connections.
 */
public final class EmbeddedPostgresMain {

  private EmbeddedPostgresMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: EmbeddedPostgresMain DATA_DIR PORT DATABASE[,DATABASE...]");
      System.exit(2);
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String[] databases = args[2].split(",");
    for (String database : databases) {
      if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
        System.err.println("database name must be a lower-case identifier: " + database);
        System.exit(2);
      }
    }
    Files.createDirectories(dir);
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(dir.resolve("runtime").toFile())
            .setDataDirectory(dir.resolve("data"))
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeQuietly(pg);
                  stopped.countDown();
                },
                "embedded-pg-stop"));
    for (String database : databases) {
      ensureDatabase(pg, database);
    }
    System.out.println("ready");
    System.out.flush();
    stopped.await();
  }

  private static void ensureDatabase(EmbeddedPostgres pg, String database) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, database);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
          }
        }
      }
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }
}
