package io.custos.policy.model;

import java.util.Set;

/**
 * An approval group. With {@code members}, the policy is the source of truth for who is in it; with
 * none, membership is what the identity provider asserts in each approval.
 *
 * @param name the group name
 * @param description free text
 * @param members member subjects, or empty to trust the asserted groups
 */
public record GroupDefinition(String name, String description, Set<String> members) {
  public GroupDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a group needs a name");
    }
    description = description == null ? "" : description;
    members = Set.copyOf(members);
  }

  /** True when someone with {@code subject} and asserted {@code groups} belongs to this group. */
  public boolean includes(String subject, Set<String> groups) {
    return members.isEmpty() ? groups.contains(name) : members.contains(subject);
  }
}
