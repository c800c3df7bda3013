package io.custos.policy;

import io.custos.policy.model.EvaluationContext;
import io.custos.policy.model.Limit;
import io.custos.policy.model.Rule;
import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Checks a matched rule's limits against this intent and the caller's usage figures. */
final class LimitCheck {

  /**
   * One limit checked; words are only made when an explanation is rendered.
   *
   * @param limit the limit
   * @param key the usage key (null for a per-transaction limit)
   * @param used the usage before this intent (zero for a per-transaction limit)
   * @param adds what this intent adds
   * @param exceeded whether the limit is exceeded
   */
  record Check(Limit limit, UsageKey key, BigInteger used, BigInteger adds, boolean exceeded) {
    String describe() {
      return switch (limit) {
        case Limit.PerTransaction p ->
            new Amount(p.max().asset(), adds) + " per transaction, limit " + p.max();
        case Limit.Window w ->
            key
                + ": "
                + format(w, used)
                + " used + "
                + format(w, adds)
                + " = "
                + format(w, used.add(adds))
                + ", limit "
                + format(w, w.max());
      };
    }

    private static String format(Limit.Window w, BigInteger value) {
      return w.measure() instanceof Measure.AmountOf a
          ? new Amount(a.asset(), value).toString()
          : value.toString();
    }
  }

  /**
   * The outcome.
   *
   * @param checks every limit that could be checked
   * @param missingUsage usage keys the caller did not supply
   */
  record Result(List<Check> checks, List<UsageKey> missingUsage) {
    boolean anyExceeded() {
      for (Check check : checks) {
        if (check.exceeded()) {
          return true;
        }
      }
      return false;
    }

    List<String> describe(boolean exceeded) {
      return checks.stream().filter(c -> c.exceeded() == exceeded).map(Check::describe).toList();
    }
  }

  private LimitCheck() {}

  static Result check(Rule rule, EvaluationContext context, Usage usage) {
    if (rule.limits().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    List<Check> checks = new ArrayList<>(rule.limits().size());
    List<UsageKey> missing = new ArrayList<>(0);
    for (Limit limit : rule.limits()) {
      switch (limit) {
        case Limit.PerTransaction p -> {
          BigInteger amount = Limit.amountOf(p.max().asset(), context);
          checks.add(
              new Check(p, null, BigInteger.ZERO, amount, amount.compareTo(p.max().units()) > 0));
        }
        case Limit.Window w -> {
          BigInteger adds = Limit.contribution(w.measure(), context);
          UsageKey key = w.key(context, rule.name());
          BigInteger used = usage.get(key);
          if (used == null) {
            missing.add(key);
          } else {
            // An intent that adds nothing (e.g. no ether) cannot exceed a limit already used up.
            boolean over = adds.signum() > 0 && used.add(adds).compareTo(w.max()) > 0;
            checks.add(new Check(w, key, used, adds, over));
          }
        }
      }
    }
    return new Result(checks, missing);
  }
}
