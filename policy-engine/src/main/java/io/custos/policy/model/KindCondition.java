package io.custos.policy.model;

import io.custos.policy.intent.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The intent is one of the kinds.
 *
 * @param kinds allowed kinds
 */
public record KindCondition(Set<Kind> kinds) implements Condition {
  public KindCondition {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  @Override
  public boolean test(EvaluationContext context) {
    return kinds.contains(context.intent().kind());
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return "kind " + context.intent().kind().policyName() + " is not " + names();
  }

  @Override
  public String describe() {
    return "kind in " + names();
  }

  private String names() {
    return kinds.stream()
        .map(Kind::policyName)
        .sorted()
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public int cost() {
    return 0;
  }
}
