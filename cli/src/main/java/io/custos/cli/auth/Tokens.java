package io.custos.cli.auth;

import java.time.Instant;

/**
 * What the token endpoint answered.
 *
 * @param accessToken the bearer token
 * @param expiresIn its lifetime in seconds
 * @param refreshToken the refresh token, or null
 * @param refreshExpiresIn its lifetime in seconds, 0 when unlimited or absent
 */
public record Tokens(
    String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {

  long accessExpiresAt(Instant now) {
    return now.getEpochSecond() + expiresIn;
  }

  long refreshExpiresAt(Instant now) {
    return refreshExpiresIn == 0 ? 0 : now.getEpochSecond() + refreshExpiresIn;
  }
}
