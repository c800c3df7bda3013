package io.custos.policy.model;

import io.custos.policy.value.Address;
import java.util.Collections;
import java.util.Set;

/**
 * The signing wallet has one of the ids, labels, tags or addresses.
 *
 * @param ids wallet ids
 * @param labels wallet labels
 * @param tags wallet tags
 * @param addresses wallet account addresses
 */
public record WalletCondition(
    Set<String> ids, Set<String> labels, Set<String> tags, Set<Address> addresses)
    implements Condition {
  public WalletCondition {
    ids = Set.copyOf(ids);
    labels = Set.copyOf(labels);
    tags = Set.copyOf(tags);
    addresses = Set.copyOf(addresses);
  }

  @Override
  public boolean test(EvaluationContext context) {
    var wallet = context.intent().wallet();
    return ids.contains(wallet.id())
        || labels.contains(wallet.label())
        || addresses.contains(wallet.address())
        || (!tags.isEmpty() && !Collections.disjoint(tags, wallet.tags()));
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return "wallet " + context.intent().wallet().id() + " is not " + describeTargets();
  }

  @Override
  public String describe() {
    return "wallet is " + describeTargets();
  }

  private String describeTargets() {
    StringBuilder out = new StringBuilder("one of");
    if (!ids.isEmpty()) {
      out.append(" ids ").append(new java.util.TreeSet<>(ids));
    }
    if (!labels.isEmpty()) {
      out.append(" labels ").append(new java.util.TreeSet<>(labels));
    }
    if (!tags.isEmpty()) {
      out.append(" tags ").append(new java.util.TreeSet<>(tags));
    }
    if (!addresses.isEmpty()) {
      out.append(" addresses ").append(new java.util.TreeSet<>(addresses));
    }
    return out.toString();
  }

  @Override
  public int cost() {
    return 2;
  }
}
