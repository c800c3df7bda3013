package io.custos.cli.auth;

import io.custos.cli.CliException;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Hands out a valid access token from the cached session: refreshed with the refresh token when it
 * is about to expire, or, for a service account, granted again when {@code CUSTOS_CLIENT_SECRET} is
 * set (the secret itself is never cached).
 */
public final class AccessTokens implements Supplier<String> {

  private static final long MARGIN_SECONDS = 20;

  private final SessionStore store;
  private final String clientSecret;
  private final Clock clock;
  private Session session;

  public AccessTokens(SessionStore store, String clientSecret, Clock clock) {
    this.store = store;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    Session s = current();
    if (s.accessValid(clock.instant(), MARGIN_SECONDS)) {
      return s.accessToken();
    }
    Oidc oidc = new Oidc(URI.create(s.issuer()));
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
      session =
          store
              .load()
              .orElseThrow(() -> CliException.refused("Not logged in", "run custos login first"));
    }
    return session;
  }
}
