package io.custos.cli.http;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the CLI reaches the server and Keycloak. Passwords, secrets and tokens cross it, so a
 * plain-http URL is refused unless its host is loopback (the local stack) or {@code --insecure}
 * says the operator knows; TLS trusts the CA certificates of {@code --ca-file} when given, else the
 * JDK's trust store (which {@code -Djavax.net.ssl.trustStore} replaces).
 */
public final class Transport {

  /** One client per trust (none: the JDK's), shared by the commands of one JVM. */
  private static final Map<Optional<Path>, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private final HttpClient http;

  private Transport(HttpClient http) {
    this.http = http;
  }

  /** TLS trusting exactly the certificates in {@code caFile} (PEM), or the JDK's when null. */
  public static Transport trusting(Path caFile) {
    Optional<Path> key = Optional.ofNullable(caFile).map(p -> p.toAbsolutePath().normalize());
    return new Transport(CLIENTS.computeIfAbsent(key, Transport::client));
  }

  HttpClient http() {
    return http;
  }

  /**
   * Refuses (exit 2) an {@code http://} URL to a host other than loopback unless {@code insecure}.
   */
  public static void requireTls(URI url, String what, boolean insecure) {
    if (insecure || !"http".equalsIgnoreCase(url.getScheme()) || isLoopback(url.getHost())) {
      return;
    }
    throw new CliException(
        ExitCodes.USAGE,
        "Plain HTTP refused",
        what
            + " at "
            + url
            + " is not on this machine and not https: your password and tokens would cross the"
            + " network in clear. Use https (--ca-file for a private CA), or --insecure if you"
            + " must");
  }

  /** Loopback by its literal name only: resolving a name would let DNS decide. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("[::1]")
        || h.equals("::1");
  }

  private static HttpClient client(Optional<Path> caFile) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    caFile.ifPresent(f -> b.sslContext(sslContext(f)));
    return b.build();
  }

  private static SSLContext sslContext(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in it");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trusted.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(
          ExitCodes.USAGE, "Unusable CA file", caFile + ": " + e.getMessage() + " (PEM expected)");
    }
  }
}
