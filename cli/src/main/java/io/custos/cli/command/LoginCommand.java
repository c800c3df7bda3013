package io.custos.cli.command;

import io.custos.cli.CliCommand;
import io.custos.cli.CliEnvironment;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.Settings;
import io.custos.cli.auth.Oidc;
import io.custos.cli.auth.Session;
import io.custos.cli.auth.Tokens;
import io.custos.cli.keys.Passwords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Logs in at Keycloak: people by the password grant of the public {@code custos-cli} client,
 * service accounts by client credentials. The tokens are cached in the config directory (0600); the
 * password and client secret are not.
 */
@Command(
    name = "login",
    description = {
      "Log in (Keycloak) and cache the token in the config directory (mode 0600).",
      "People: custos login --user alice [--password-file F]  (else CUSTOS_PASSWORD, else a prompt)",
      "Service accounts: custos login --client-id staking-bot [--client-secret-file F]"
          + "  (else CUSTOS_CLIENT_SECRET, else a prompt)"
    })
public final class LoginCommand extends CliCommand {

  @Option(
      names = {"-u", "--user"},
      description = "username (env CUSTOS_USER; else asked)")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "first line: the password")
  Path passwordFile;

  @Option(
      names = "--client-id",
      description = "a service account's client id: log in with client credentials")
  String clientId;

  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      description = "first line: the client secret")
  Path clientSecretFile;

  @Override
  public Integer call() {
    if (clientId != null && (user != null || passwordFile != null)) {
      throw usage("give either --user (a person) or --client-id (a service account), not both");
    }
    Settings s = settings();
    Oidc oidc = oidc(s.issuer());
    Instant now = clock().instant();
    Session session;
    if (clientId != null) {
      Tokens t = oidc.clientCredentials(clientId, secret());
      session =
          Session.start(
              s.server().toString(),
              s.issuer().toString(),
              clientId,
              Session.CLIENT_CREDENTIALS,
              t,
              now);
    } else {
      String name = username();
      Tokens t = oidc.password(name, password());
      session =
          Session.start(
              s.server().toString(),
              s.issuer().toString(),
              Oidc.CLI_CLIENT,
              Session.PASSWORD,
              t,
              now);
    }
    sessions().save(session);
    print(session);
    return ExitCodes.OK;
  }

  private void print(Session session) {
    if (out().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("username", session.username());
      json.put("server", session.server());
      json.put("issuer", session.issuer());
      json.put("grant", session.grant());
      json.put("expiresAt", Instant.ofEpochSecond(session.accessExpiresAt()).toString());
      out().json(json);
      return;
    }
    out().line("logged in as " + out().bold(session.username()) + " for " + session.server());
    out().note("token cached in " + sessions().file() + " (mode 0600)");
  }

  private String username() {
    CliEnvironment env = environment();
    if (user != null) {
      return user;
    }
    if (env.variable("CUSTOS_USER") != null) {
      return env.variable("CUSTOS_USER");
    }
    if (env.console() == null) {
      throw usage("give --user (or set CUSTOS_USER): there is no terminal to ask on");
    }
    String typed = env.console().readLine("Username: ");
    if (typed == null || typed.isBlank()) {
      throw usage("no username given");
    }
    return typed.strip();
  }

  private char[] password() {
    if (passwordFile != null) {
      return Passwords.fromFile(passwordFile);
    }
    return secretFromEnvOrPrompt("CUSTOS_PASSWORD", "Password: ").toCharArray();
  }

  private String secret() {
    if (clientSecretFile != null) {
      return new String(Passwords.fromFile(clientSecretFile));
    }
    return secretFromEnvOrPrompt("CUSTOS_CLIENT_SECRET", "Client secret: ");
  }

  private String secretFromEnvOrPrompt(String variable, String prompt) {
    CliEnvironment env = environment();
    if (env.variable(variable) != null) {
      return env.variable(variable);
    }
    if (env.console() == null) {
      throw new CliException(
          ExitCodes.USAGE, "No secret", "no terminal to ask on: use a file option or " + variable);
    }
    char[] typed = env.console().readPassword("%s", prompt);
    if (typed == null || typed.length == 0) {
      throw usage("nothing was typed");
    }
    return new String(typed);
  }
}
