package io.custos.policy.model;

import java.util.Comparator;
import java.util.List;

/**
 * One ordered rule: if every condition holds, {@code action} decides, unless a limit is exceeded,
 * in which case {@code onLimitExceeded} decides.
 *
 * @param name unique name, used in decisions and usage keys
 * @param description free text for people
 * @param conditions the match conditions, cheapest first
 * @param limits per-transaction and velocity limits
 * @param action the decision when within limits
 * @param onLimitExceeded the decision when a limit is exceeded (deny or a stricter requirement)
 */
public record Rule(
    String name,
    String description,
    List<Condition> conditions,
    List<Limit> limits,
    Action action,
    Action onLimitExceeded) {
  public Rule {
    if (name == null || name.isBlank() || action == null || onLimitExceeded == null) {
      throw new IllegalArgumentException("a rule needs a name and both actions");
    }
    description = description == null ? "" : description;
    conditions = conditions.stream().sorted(Comparator.comparingInt(Condition::cost)).toList();
    limits = List.copyOf(limits);
  }

  /** The first condition that fails for {@code context}, or null when the rule matches. */
  public Condition firstFailing(EvaluationContext context) {
    for (Condition condition : conditions) {
      if (!condition.test(context)) {
        return condition;
      }
    }
    return null;
  }
}
