package io.custos.policy;

import io.custos.policy.model.AddressBook;
import io.custos.policy.model.Governance;
import io.custos.policy.model.GroupDefinition;
import io.custos.policy.model.Rule;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated policy version. Two documents with the same meaning-bearing content (whatever
 * their comments, key order, quoting or format) have the same {@link #hash()}.
 *
 * @param name the policy name
 * @param description free text
 * @param groups approval groups by name
 * @param addressBook lists, denylist and tokens
 * @param rules the ordered rules; the first that matches decides
 * @param governance who must approve changes to this policy
 * @param canonicalJson the canonical form the hash is taken over
 * @param hash lower-case hex SHA-256 of {@code canonicalJson}
 * @param hashWithoutAddressBook the same over the document without its address book, to tell an
 *     address-book change from a policy change
 */
public record Policy(
    String name,
    String description,
    Map<String, GroupDefinition> groups,
    AddressBook addressBook,
    List<Rule> rules,
    Governance governance,
    String canonicalJson,
    String hash,
    String hashWithoutAddressBook) {
  public Policy {
    groups = Map.copyOf(groups);
    rules = List.copyOf(rules);
    if (hash == null || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a policy hash is 64 lower-case hex digits");
    }
  }

  /** The rule named {@code ruleName}, or null. */
  public Rule rule(String ruleName) {
    return rules.stream().filter(r -> r.name().equals(ruleName)).findFirst().orElse(null);
  }
}
