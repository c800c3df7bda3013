package io.custos.policy.model;

/**
 * The transaction's {@code to} address is in / not in sets of addresses.
 *
 * @param match the address match
 */
public record DestinationCondition(AddressMatch match) implements Condition {
  @Override
  public boolean test(EvaluationContext context) {
    return match.test(context.intent().to());
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return match.mismatch("destination", context.intent().to());
  }

  @Override
  public String describe() {
    return "destination " + match.describe();
  }

  @Override
  public int cost() {
    return 2;
  }
}
