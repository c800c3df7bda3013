package io.custos.cli.command;

import io.custos.cli.CliCommand;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.auth.Session;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** Ends the Keycloak session (when it has one) and deletes the cached tokens. */
@Command(name = "logout", description = "End the session at Keycloak and delete the cached token.")
public final class LogoutCommand extends CliCommand {

  @Override
  public Integer call() {
    Optional<Session> cached = sessions().load();
    if (cached.isEmpty()) {
      report(null, false);
      return ExitCodes.OK;
    }
    Session s = cached.get();
    if (s.refreshToken() != null) {
      try {
        oidc(URI.create(s.issuer())).logout(s.clientId(), s.refreshToken());
      } catch (CliException e) {
        // The local token goes regardless; the Keycloak session then ends when it times out.
        out().note("note: could not end the session at Keycloak (" + e.detail() + ")");
      }
    }
    sessions().delete();
    report(s.username(), true);
    return ExitCodes.OK;
  }

  private void report(String username, boolean wasLoggedIn) {
    if (out().json()) {
      out().json(Map.of("loggedOut", wasLoggedIn, "username", username == null ? "" : username));
    } else {
      out().line(wasLoggedIn ? "logged out " + username : "not logged in");
    }
  }
}
