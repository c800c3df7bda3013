package io.custos.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Custos REST API as the CLI calls it: bearer token, JSON in and out, every error status turned
 * into a {@link ProblemException} and every failed connection into exit 3.
 */
public final class Api {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient http;
  private final URI server;
  private final Supplier<String> accessToken;

  /**
   * @param transport TLS and its trust
   * @param server the service's root URL, e.g. {@code http://127.0.0.1:8080}
   * @param accessToken asked before every call, so that an expired token is refreshed in time
   */
  public Api(Transport transport, URI server, Supplier<String> accessToken) {
    this.http = transport.http();
    this.server = server;
    this.accessToken = accessToken;
  }

  public URI server() {
    return server;
  }

  public JsonNode get(String path) {
    return Json.parse(send(request(path).GET().build()));
  }

  public JsonNode post(String path, Object body) {
    return post(path, body, Map.of());
  }

  public JsonNode post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    headers.forEach(b::header);
    return Json.parse(send(b.build()));
  }

  /** A text resource (the checkpoint key in PEM). */
  public String getText(String path, String accept) {
    return send(request(path).header("Accept", accept).GET().build());
  }

  /** Streams a resource (the audit export) into a file, replacing it only once complete. */
  public void download(String path, Path file) {
    HttpRequest req = request(path).header("Accept", "*/*").GET().build();
    HttpResponse<InputStream> res = call(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = res.body()) {
      if (res.statusCode() >= 400) {
        throw new ProblemException(ApiProblem.of(res.statusCode(), new String(in.readAllBytes())));
      }
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw Unreachable.of("the Custos server", server, e);
    }
  }

  /**
   * A server-sent event stream, as lines; empty when the server has no such endpoint (404, 405,
   * 406), so that the caller can fall back to polling.
   */
  public Optional<Stream<String>> events(String path) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server + path))
            .header("Authorization", "Bearer " + accessToken.get())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> res = call(req, HttpResponse.BodyHandlers.ofLines());
    int status = res.statusCode();
    if (status == 404 || status == 405 || status == 406) {
      res.body().close();
      return Optional.empty();
    }
    if (status >= 400) {
      String body;
      try (Stream<String> lines = res.body()) {
        body = String.join("\n", lines.toList());
      }
      throw new ProblemException(ApiProblem.of(status, body));
    }
    return Optional.of(res.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + accessToken.get());
  }

  private String send(HttpRequest req) {
    HttpResponse<String> res = call(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() >= 400) {
      throw new ProblemException(ApiProblem.of(res.statusCode(), res.body()));
    }
    return res.body();
  }

  private <T> HttpResponse<T> call(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw Unreachable.of("the Custos server", server, e);
    } catch (InterruptedException e) {
      throw Unreachable.interrupted();
    }
  }
}
