package io.custos.policy.usage;

import java.time.Duration;

/**
 * One usage figure the engine needs: the count or total amount of intents signed within the last
 * {@code window} before the evaluation time, restricted to {@code scope = subject}.
 *
 * @param window the rolling window length
 * @param scope what the figure is restricted by
 * @param subject the scope's value for this intent (wallet id, destination, requester, rule name)
 * @param measure count, or amount of one asset
 */
public record UsageKey(Duration window, Scope scope, String subject, Measure measure) {
  public UsageKey {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a usage window must be positive");
    }
    if (scope == null || subject == null || measure == null) {
      throw new IllegalArgumentException("a usage key needs a scope, a subject and a measure");
    }
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  @Override
  public String toString() {
    return measure + " per " + scope.policyName() + " " + subject + " in " + human(window);
  }
}
