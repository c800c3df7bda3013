package io.custos.cli;

import io.custos.cli.auth.Session;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where the CLI talks to, resolved once per command: an option wins over the environment, which
 * wins over the cached login, which wins over the local stack's defaults ({@code ./custos up}).
 *
 * @param server the Custos server's root URL
 * @param issuer the Keycloak realm's issuer URL
 * @param configDir where the login is cached
 * @param caFile the CA certificates trusted for https, or null for the JDK's trust store
 * @param insecure true when plain http to another machine was allowed ({@code --insecure})
 */
public record Settings(URI server, URI issuer, Path configDir, Path caFile, boolean insecure) {

  public static final URI DEFAULT_SERVER = URI.create("http://127.0.0.1:8080");
  public static final URI DEFAULT_ISSUER = URI.create("http://127.0.0.1:8180/realms/custos");

  /** The config directory alone (needed before the cached login can be read). */
  static Path configDir(GlobalOptions options, CliEnvironment env) {
    if (options.configDir != null) {
      return options.configDir;
    }
    if (env.variable("CUSTOS_CONFIG_DIR") != null) {
      return Path.of(env.variable("CUSTOS_CONFIG_DIR"));
    }
    if (env.variable("XDG_CONFIG_HOME") != null) {
      return Path.of(env.variable("XDG_CONFIG_HOME"), "custos");
    }
    return env.userHome().resolve(".config").resolve("custos");
  }

  static Settings resolve(GlobalOptions options, CliEnvironment env, Session cached) {
    URI server =
        first(
            options.server,
            uri(env.variable("CUSTOS_SERVER")),
            cached == null ? null : uri(cached.server()),
            DEFAULT_SERVER);
    URI issuer =
        first(
            options.issuer,
            uri(env.variable("CUSTOS_ISSUER")),
            cached == null ? null : uri(cached.issuer()),
            DEFAULT_ISSUER);
    Path caFile = options.caFile;
    if (caFile == null && env.variable("CUSTOS_CA_FILE") != null) {
      caFile = Path.of(env.variable("CUSTOS_CA_FILE"));
    }
    return new Settings(
        trim(server), trim(issuer), configDir(options, env), caFile, options.insecure);
  }

  private static URI uri(String s) {
    return s == null ? null : URI.create(s);
  }

  private static URI trim(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    throw new IllegalStateException("no default");
  }
}
