package io.custos.service.support;

import io.custos.testsupport.KeycloakServer;

/** Real access tokens of the demo realm's users, for API tests. */
public final class Tokens {

  private Tokens() {}

  /** A password-grant token for a demo user (password {@code <name>-demo}). */
  public static String of(String user) {
    return KeycloakServer.shared().passwordToken(user, user + "-demo");
  }

  /** The staking bot's client-credentials token. */
  public static String stakingBot() {
    return KeycloakServer.shared().stakingBotToken();
  }
}
