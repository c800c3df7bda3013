package io.custos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC proxy in front of a real node, for outage tests: it passes calls through, or plays a
 * node that is down (every connection is reset), or one that loses particular methods: their calls
 * are dropped before the node sees them, or passed on with the node's answer lost. Either way the
 * caller gets a connection reset and cannot know whether the node got the call.
 *
 * <p>One request per connection ({@code Connection: close}), which keeps the HTTP handling to the
 * little JSON-RPC clients need: a request line, headers, a {@code Content-Length} body.
 */
public final class RpcFaultProxy implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Set<String> dropped = ConcurrentHashMap.newKeySet();
  private final Set<String> answersLost = ConcurrentHashMap.newKeySet();
  private final AtomicLong droppedCalls = new AtomicLong();
  private volatile boolean down;

  private RpcFaultProxy(URI upstream, ServerSocket server) {
    this.upstream = upstream;
    this.server = server;
  }

  /** Starts a pass-through proxy to {@code upstream} on a free loopback port. */
  public static RpcFaultProxy start(URI upstream) {
    try {
      ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      RpcFaultProxy proxy = new RpcFaultProxy(upstream, server);
      Thread.ofVirtual().name("rpc-proxy-accept").start(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the RPC proxy's port", e);
    }
  }

  /** Where clients should send their calls. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** While down, every connection is reset before a byte is answered: the node is unreachable. */
  public void down(boolean down) {
    this.down = down;
  }

  /**
   * Resets the connection of every call to {@code method} (e.g. {@code eth_sendRawTransaction})
   * without passing it on, until {@link #restore}.
   */
  public void drop(String method) {
    dropped.add(method);
  }

  /**
   * Passes every call to {@code method} on to the node but resets the connection instead of
   * returning the node's answer, until {@link #restore}.
   */
  public void loseAnswers(String method) {
    answersLost.add(method);
  }

  /** Passes {@code method} through again, answers included. */
  public void restore(String method) {
    dropped.remove(method);
    answersLost.remove(method);
  }

  /** How many calls were answered with a reset so far, whatever the fault. */
  public long droppedCalls() {
    return droppedCalls.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing; nothing left to do
    }
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        workers.execute(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("rpc proxy: accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      if (down) {
        reset(client);
        return;
      }
      byte[] body = readRequestBody(client.getInputStream());
      if (body == null) {
        return;
      }
      String method = method(body);
      if (down || dropped.contains(method)) {
        reset(client);
        return;
      }
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(upstream)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (answersLost.contains(method)) {
        reset(client);
        return;
      }
      writeResponse(client.getOutputStream(), answer.statusCode(), answer.body());
    } catch (IOException e) {
      // The client went away, or the node did: the client sees a closed connection either way.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes with SO_LINGER 0, so the client gets a TCP reset rather than an orderly end. */
  private void reset(Socket client) throws IOException {
    droppedCalls.incrementAndGet();
    client.setSoLinger(true, 0);
    client.close();
  }

  private static String method(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json.isObject() && json.has("method") ? json.get("method").asText() : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Reads the headers and returns the body; null when the client closed without a request. */
  private static byte[] readRequestBody(InputStream in) throws IOException {
    String headers = readHeaders(in);
    if (headers == null) {
      return null;
    }
    int length = 0;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    if (length < 0 || length > MAX_BODY) {
      throw new IOException("unacceptable Content-Length " + length);
    }
    return in.readNBytes(length);
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      out.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return out.toString(StandardCharsets.ISO_8859_1);
      }
      if (out.size() > 64 * 1024) {
        throw new IOException("request headers too long");
      }
    }
    return null;
  }

  private static void writeResponse(OutputStream out, int status, byte[] body) throws IOException {
    String head =
        "HTTP/1.1 "
            + status
            + " OK\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }
}
