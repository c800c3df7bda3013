package io.custos.cli.auth;

import io.custos.cli.CliException;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Hands out a valid access token from the cached session: refreshed with the refresh token when it
 * is about to expire, or, for a service account, granted again when {@code CUSTOS_CLIENT_SECRET} is
 * set (the secret itself is never cached).
 *
 * <p>A login is bound to the server and the issuer it was made for: asked for another (a typo in
 * {@code --server}, a look-alike host in a pasted command), it refuses before any request is made,
 * so the bearer token never reaches a server it was not meant for.
 */
public final class AccessTokens implements Supplier<String> {

  private static final long MARGIN_SECONDS = 20;

  private final SessionStore store;
  private final Oidc oidc;
  private final URI server;
  private final String clientSecret;
  private final Clock clock;
  private Session session;

  /**
   * @param oidc the issuer the command talks to, which must be the login's
   * @param server the server the command talks to, which must be the login's
   */
  public AccessTokens(SessionStore store, Oidc oidc, URI server, String clientSecret, Clock clock) {
    this.store = store;
    this.oidc = oidc;
    this.server = server;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    Session s = current();
    if (s.accessValid(clock.instant(), MARGIN_SECONDS)) {
      return s.accessToken();
    }
    Tokens fresh;
    if (s.canRefresh(clock.instant())) {
      fresh = oidc.refresh(s.clientId(), s.refreshToken());
    } else if (Session.CLIENT_CREDENTIALS.equals(s.grant()) && clientSecret != null) {
      fresh = oidc.clientCredentials(s.clientId(), clientSecret);
    } else {
      throw CliException.refused(
          "Session expired", "the login of " + s.username() + " has expired: run custos login");
    }
    session = s.renewed(fresh, clock.instant());
    store.save(session);
    return session.accessToken();
  }

  private Session current() {
    if (session == null) {
      Session s =
          store
              .load()
              .orElseThrow(() -> CliException.refused("Not logged in", "run custos login first"));
      if (!s.server().equals(server.toString()) || !s.issuer().equals(oidc.issuer().toString())) {
        throw CliException.refused(
            "Logged in elsewhere",
            "your login is for "
                + s.server()
                + " (issuer "
                + s.issuer()
                + "), not "
                + server
                + " (issuer "
                + oidc.issuer()
                + "); its token is not sent there: run custos login --server "
                + server);
      }
      session = s;
    }
    return session;
  }
}
