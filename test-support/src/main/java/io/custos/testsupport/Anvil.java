package io.custos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Starts and stops anvil processes from the pinned npm package in the project's tools directory.
 */
public final class Anvil implements AutoCloseable {

  /** The chain id our devnets use unless a test asks for another. */
  public static final long DEFAULT_CHAIN_ID = 31337;

  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final AnvilNode node;

  private Anvil(Process process, AnvilNode node) {
    this.process = process;
    this.node = node;
  }

  /** The anvil binary installed by ./custos setup. */
  public static Path binary() {
    Path bin = Tools.toolsDir().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(bin)) {
      throw new MissingComponentException(
          "anvil is not installed (looked for " + bin + ").", Tools.INSTALL_HINT);
    }
    return bin;
  }

  /** Starts anvil on a free loopback port and waits until it answers JSON-RPC. */
  public static Anvil start(String name, long chainId, String... extraArgs) {
    Path dir = Tools.buildDir().resolve("anvil");
    Path log = dir.resolve(name + ".log");
    Path config = dir.resolve(name + ".json");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            binary().toString(),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--chain-id",
            Long.toString(chainId),
            "--config-out",
            config.toString()));
    cmd.addAll(List.of(extraArgs));
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(config);
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Anvil anvil = new Anvil(p, awaitReady(p, log, config, chainId));
      return anvil;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start anvil: " + e.getMessage(), e);
    }
  }

  public AnvilNode node() {
    return node;
  }

  /** Sends one JSON-RPC call and returns its {@code result}; an RPC error becomes an exception. */
  public static JsonNode rpc(URI url, String method, Object... params) {
    try {
      String body =
          JSON.writeValueAsString(
              java.util.Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
      HttpRequest req =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> resp =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(resp.body());
      if (json.has("error")) {
        throw new IllegalStateException(method + " failed: " + json.get("error"));
      }
      return json.get("result");
    } catch (IOException e) {
      throw new IllegalStateException(method + " to " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Sends {@code wei} to {@code address} from anvil's first (unlocked) development account. */
  public static void fund(URI url, String address, BigInteger wei) {
    String funder = rpc(url, "eth_accounts").get(0).asText();
    rpc(
        url,
        "eth_sendTransaction",
        java.util.Map.of("from", funder, "to", address, "value", "0x" + wei.toString(16)));
  }

  /**
   * The receipt of {@code hash}, mining a block on each poll until it has one (for transactions a
   * test sends itself, which nothing else would mine); fails after 30 s.
   */
  public static JsonNode receipt(URI url, String hash) {
    return Awaitility.await()
        .alias("a receipt for " + hash)
        .atMost(RECEIPT_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> receiptOrMine(url, hash), Optional::isPresent)
        .get();
  }

  private static Optional<JsonNode> receiptOrMine(URI url, String hash) {
    JsonNode r = rpc(url, "eth_getTransactionReceipt", hash);
    if (r != null && !r.isNull()) {
      return Optional.of(r);
    }
    rpc(url, "anvil_mine", "0x1");
    return Optional.empty();
  }

  /** Stops this anvil by its own process handle, forcibly if it does not exit in 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static AnvilNode awaitReady(Process p, Path log, Path config, long chainId)
      throws IOException {
    int port;
    try {
      port =
          Awaitility.await()
              .alias("anvil listening, its config written")
              .atMost(START_TIMEOUT)
              .pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(20))
              .until(() -> listeningPort(p, log, config), Optional::isPresent)
              .get();
    } catch (ConditionTimeoutException e) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "anvil did not start within " + START_TIMEOUT + ": " + Tools.tail(log, 20), e);
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    return new AnvilNode(url, chainId, accounts(config), p.pid(), log);
  }

  /** The port once anvil logs it and has written its config; fails at once if anvil exited. */
  private static Optional<Integer> listeningPort(Process p, Path log, Path config)
      throws IOException {
    if (!p.isAlive()) {
      throw new IllegalStateException(
          "anvil exited with " + p.exitValue() + ": " + Tools.tail(log, 20));
    }
    if (!Files.exists(log) || !Files.exists(config) || Files.size(config) == 0) {
      return Optional.empty();
    }
    Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static List<AnvilNode.DevAccount> accounts(Path config) throws IOException {
    JsonNode json = JSON.readTree(config.toFile());
    JsonNode addresses = json.get("available_accounts");
    JsonNode keys = json.get("private_keys");
    List<AnvilNode.DevAccount> out = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      out.add(new AnvilNode.DevAccount(addresses.get(i).asText(), keys.get(i).asText()));
    }
    return List.copyOf(out);
  }
}
