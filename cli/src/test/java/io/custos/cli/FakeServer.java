package io.custos.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for endpoints that are on other branches (typed data, approver keys, events), for the
 * CLI's unit tests only: canned answers by method and path (with query), every request recorded.
 * The real service is exercised by signer-service's CliTest.
 */
public final class FakeServer implements AutoCloseable {

  /** What the fake answers. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** One recorded request. */
  public record Call(String method, String path, String body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext(
        "/",
        ex -> {
          String key = ex.getRequestMethod() + " " + ex.getRequestURI();
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), body));
          Handler h = routes.get(key);
          if (h == null) {
            send(
                ex,
                404,
                "application/problem+json",
                "{\"type\":\"urn:custos:problem:not-found\",\"title\":\"No such resource\","
                    + "\"status\":404,\"detail\":\""
                    + key
                    + "\"}");
          } else {
            h.handle(ex);
          }
          ex.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeServer on(String methodAndPath, Handler handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  public FakeServer json(String methodAndPath, int status, String json) {
    return on(methodAndPath, ex -> send(ex, status, "application/json", json));
  }

  public List<Call> calls() {
    return calls;
  }

  public static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A config dir holding a login to this server that does not expire for an hour. */
  public Path loggedIn(Path configDir) throws IOException {
    Files.createDirectories(configDir);
    long later = System.currentTimeMillis() / 1000 + 3600;
    Files.writeString(
        configDir.resolve("session.json"),
        """
        {"server":"%s","issuer":"%s/realms/custos","clientId":"custos-cli","grant":"password",
         "username":"bob","accessToken":"a.b.c","accessExpiresAt":%d,
         "refreshToken":null,"refreshExpiresAt":0}
        """
            .formatted(url(), url(), later));
    return configDir;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
