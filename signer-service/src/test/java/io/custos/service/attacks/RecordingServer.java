package io.custos.service.attacks;

import com.sun.net.httpserver.HttpServer;
import io.custos.service.support.CliUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A server on 127.0.0.1 that records every request it gets (method, path, Authorization header)
 * and, when given an upstream, forwards it there, passing each answer through {@code rewrite}: a
 * stranger the CLI should never talk to, or a compromised server in front of the real one.
 */
final class RecordingServer implements AutoCloseable {

  /** One recorded request. */
  record Call(String method, String path, String authorization) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile UnaryOperator<String> rewrite = UnaryOperator.identity();

  /** A stranger that answers every request with an empty JSON object. */
  RecordingServer() {
    this(null);
  }

  RecordingServer(URI upstream) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        ex -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), auth));
          byte[] body = ex.getRequestBody().readAllBytes();
          int status = 200;
          String type = "application/json";
          String answer = "{}";
          if (upstream != null) {
            HttpResponse<String> res = forward(upstream, ex.getRequestMethod(), ex, body);
            status = res.statusCode();
            type = res.headers().firstValue("Content-Type").orElse(type);
            answer = rewrite.apply(res.body());
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", type);
          ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Call> calls() {
    return calls;
  }

  /** From now on, every forwarded answer passes through {@code rewrite}. */
  void rewriteAnswers(UnaryOperator<String> rewrite) {
    this.rewrite = rewrite;
  }

  private static HttpResponse<String> forward(
      URI upstream, String method, com.sun.net.httpserver.HttpExchange ex, byte[] body)
      throws IOException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(CliUser.trim(upstream) + ex.getRequestURI()))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (String h : List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        req.header(h, v);
      }
    }
    try {
      return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
