package io.custos.service.support;

import io.custos.testsupport.Ports;
import io.custos.testsupport.Readiness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, run by
 * the JDK running the tests, configured by environment variables as {@code ./custos} does, on a
 * free port (and a free management port for health and metrics), writing to its own log under
 * {@code target/service-logs/}. It can be stopped gracefully or killed with SIGKILL, to prove what
 * survives a crash.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final String name;
  private final Process process;
  private final URI url;
  private final URI managementUrl;
  private final Path log;

  private ServiceProcess(String name, Process process, URI url, URI managementUrl, Path log) {
    this.name = name;
    this.process = process;
    this.url = url;
    this.managementUrl = managementUrl;
    this.log = log;
  }

  /**
   * Starts the service with {@code env} added to this JVM's environment and waits until {@code
   * /q/health/ready} answers 200 on its management port. A restart under the same name appends to
   * the same log.
   */
  public static ServiceProcess start(String name, Map<String, String> env) {
    Path jar =
        Paths.get(System.getProperty("custos.service.jar", "target/quarkus-app/quarkus-run.jar"));
    requireFreshJar(jar);
    int port = Ports.free();
    int managementPort = Ports.free();
    Path log =
        Paths.get(System.getProperty("custos.build.dir", "target"), "service-logs", name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx384m");
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "----- start of " + name + " on port " + port + " -----\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
      pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
      ServiceProcess service =
          new ServiceProcess(
              name,
              pb.start(),
              URI.create("http://127.0.0.1:" + port),
              URI.create("http://127.0.0.1:" + managementPort),
              log);
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the service " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a jar older than the compiled classes: an IT run by surefire (a -Dtest pattern that
   * matches it) would otherwise test the previous build's service.
   */
  private static void requireFreshJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: integration tests run after package (./mvnw verify)");
    }
    Path classes = jar.toAbsolutePath().getParent().getParent().resolve("classes");
    try (var files = Files.walk(classes)) {
      long jarTime = Files.getLastModifiedTime(jar).toMillis();
      if (files.anyMatch(f -> f.toString().endsWith(".class") && modifiedAfter(f, jarTime))) {
        throw new IllegalStateException(
            jar + " is older than " + classes + ": run the *IT classes after package (failsafe)");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot compare " + jar + " with " + classes, e);
    }
  }

  private static boolean modifiedAfter(Path file, long millis) {
    try {
      return Files.getLastModifiedTime(file).toMillis() > millis;
    } catch (IOException e) {
      return false;
    }
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return url;
  }

  /** Where health and metrics are served, e.g. {@code http://127.0.0.1:PORT}. */
  public URI managementUrl() {
    return managementUrl;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no transaction completes, as in a power cut. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(30))) {
      kill();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The last lines of the service's log, for failure messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitReady() {
    Readiness.await(
        process,
        managementUrl.resolve("/q/health/ready"),
        READY_TIMEOUT,
        "the service " + name,
        () -> tail(40));
  }
}
