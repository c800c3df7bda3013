package io.custos.cli.auth;

import java.time.Instant;

/**
 * A login, as cached in the user's config directory (file mode 0600). Times are epoch seconds.
 *
 * @param server the Custos server it was made for
 * @param issuer the Keycloak realm's issuer URL that issued the tokens
 * @param clientId {@code custos-cli} for people, the service account's client id otherwise
 * @param grant {@code password} or {@code client_credentials}
 * @param username who logged in (from the token, for display)
 * @param accessToken the bearer token
 * @param accessExpiresAt when it expires
 * @param refreshToken the refresh token, or null (client credentials have none)
 * @param refreshExpiresAt when the refresh token expires, 0 when it does not
 */
public record Session(
    String server,
    String issuer,
    String clientId,
    String grant,
    String username,
    String accessToken,
    long accessExpiresAt,
    String refreshToken,
    long refreshExpiresAt) {

  public static final String PASSWORD = "password";
  public static final String CLIENT_CREDENTIALS = "client_credentials";

  /** A new login from a grant's tokens; the username is read from the access token. */
  public static Session start(
      String server, String issuer, String clientId, String grant, Tokens t, Instant now) {
    return new Session(
        server,
        issuer,
        clientId,
        grant,
        Jwt.username(t.accessToken()),
        t.accessToken(),
        t.accessExpiresAt(now),
        t.refreshToken(),
        t.refreshExpiresAt(now));
  }

  /** True while the access token has more than {@code marginSeconds} left. */
  public boolean accessValid(Instant now, long marginSeconds) {
    return now.getEpochSecond() + marginSeconds < accessExpiresAt;
  }

  /** True when there is a refresh token that has not expired. */
  public boolean canRefresh(Instant now) {
    return refreshToken != null
        && (refreshExpiresAt == 0 || now.getEpochSecond() + 5 < refreshExpiresAt);
  }

  /** This session with the tokens of a newer grant. */
  public Session renewed(Tokens t, Instant now) {
    return new Session(
        server,
        issuer,
        clientId,
        grant,
        username,
        t.accessToken(),
        t.accessExpiresAt(now),
        t.refreshToken() != null ? t.refreshToken() : refreshToken,
        t.refreshToken() != null ? t.refreshExpiresAt(now) : refreshExpiresAt);
  }
}
