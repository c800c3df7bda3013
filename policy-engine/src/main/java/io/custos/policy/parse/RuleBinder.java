package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.model.Action;
import io.custos.policy.model.CallCondition;
import io.custos.policy.model.Condition;
import io.custos.policy.model.Erc20Condition;
import io.custos.policy.model.Limit;
import io.custos.policy.model.Rule;
import io.custos.policy.model.TokenCallCondition;
import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Scope;
import io.custos.policy.value.Address;
import io.custos.policy.value.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Binds the ordered {@code rules} list. */
final class RuleBinder {
  private static final Set<String> RULE_KEYS =
      Set.of(
          "name",
          "description",
          "match",
          "limits",
          "on_limit_exceeded",
          "action",
          "reason",
          "approvals");
  private static final Action DEFAULT_ON_EXCEEDED =
      new Action.Deny("a limit of the rule is exceeded");

  private final Values values;
  private final ActionBinder actions;
  private final MatchBinder matches;

  RuleBinder(Values values, ActionBinder actions) {
    this.values = values;
    this.actions = actions;
    this.matches = new MatchBinder(values);
  }

  List<Rule> bindAll(Cursor at) throws PolicyParseException {
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Cursor ruleAt : at.nonEmptyItems()) {
      Rule rule = bind(ruleAt);
      if (!names.add(rule.name())) {
        throw ruleAt.require("name").error("duplicate rule name '" + rule.name() + "'");
      }
      rules.add(rule);
    }
    return rules;
  }

  private Rule bind(Cursor at) throws PolicyParseException {
    at.map(RULE_KEYS);
    String name = at.require("name").name();
    String description = at.get("description") == null ? "" : at.get("description").text();
    List<Condition> conditions = matches.bind(at.get("match"));
    List<Limit> limits = at.get("limits") == null ? List.of() : limits(at.require("limits"));
    Action action = actions.bind(at, true);
    Cursor exceededAt = at.get("on_limit_exceeded");
    if (exceededAt != null && limits.isEmpty()) {
      throw exceededAt.error("on_limit_exceeded needs limits");
    }
    Action onExceeded =
        exceededAt == null ? DEFAULT_ON_EXCEEDED : actions.bindBlock(exceededAt, false);
    return new Rule(name, description, guarded(conditions, action), limits, action, onExceeded);
  }

  /**
   * The conditions plus {@link TokenCallCondition} for a rule that can allow and names no method: a
   * deny rule keeps denying everything it matches.
   */
  private List<Condition> guarded(List<Condition> conditions, Action action) {
    boolean namesMethod =
        conditions.stream()
            .anyMatch(c -> c instanceof Erc20Condition || c instanceof CallCondition);
    Set<Address> tokens = values.tokenAddresses();
    if (action instanceof Action.Deny || namesMethod || tokens.isEmpty()) {
      return conditions;
    }
    List<Condition> guarded = new ArrayList<>(conditions);
    guarded.add(new TokenCallCondition(tokens));
    return guarded;
  }

  private List<Limit> limits(Cursor at) throws PolicyParseException {
    List<Limit> limits = new ArrayList<>();
    for (Cursor item : at.nonEmptyItems()) {
      item.map(Set.of("per_transaction", "window", "per", "max", "max_count"));
      Cursor perTx = item.get("per_transaction");
      if (perTx != null) {
        if (item.get("window") != null
            || item.get("per") != null
            || item.get("max") != null
            || item.get("max_count") != null) {
          throw item.error("a per_transaction limit stands alone");
        }
        limits.add(new Limit.PerTransaction(values.amount(perTx)));
      } else {
        limits.add(window(item));
      }
    }
    return limits;
  }

  private Limit window(Cursor item) throws PolicyParseException {
    Cursor windowAt = item.require("window");
    java.time.Duration window = Values.duration(windowAt);
    if (window.isZero()) {
      throw windowAt.error("must be positive");
    }
    Cursor perAt = item.require("per");
    Scope scope = Scope.fromPolicyName(perAt.text());
    if (scope == null) {
      throw perAt.error("per must be wallet, destination, requester or rule");
    }
    Cursor max = item.get("max");
    Cursor maxCount = item.get("max_count");
    if ((max == null) == (maxCount == null)) {
      throw item.error("give exactly one of max (an amount) or max_count");
    }
    if (maxCount != null) {
      return new Limit.Window(
          window,
          scope,
          new Measure.Count(),
          BigInteger.valueOf(maxCount.integer(0, Long.MAX_VALUE)));
    }
    Amount amount = values.amount(max);
    return new Limit.Window(window, scope, new Measure.AmountOf(amount.asset()), amount.units());
  }
}
