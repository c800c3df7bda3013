package io.custos.policy.model;

import io.custos.policy.intent.Requester;
import java.util.Collections;
import java.util.Set;

/**
 * The requester is one of the subjects, has one of the roles, is in one of the groups, and is (or
 * is not) a service account. Empty sets and {@link AccountType#ANY} do not constrain.
 *
 * @param subjects accepted subjects
 * @param roles accepted roles (any one suffices)
 * @param groups accepted groups (any one suffices)
 * @param accountType person, service account or any
 */
public record RequesterCondition(
    Set<String> subjects, Set<String> roles, Set<String> groups, AccountType accountType)
    implements Condition {

  /** Whether the requester must be a person or a service account. */
  public enum AccountType {
    ANY,
    PERSON,
    SERVICE
  }

  public RequesterCondition {
    subjects = Set.copyOf(subjects);
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  @Override
  public boolean test(EvaluationContext context) {
    return problem(context.requester()) == null;
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return problem(context.requester());
  }

  private String problem(Requester requester) {
    if (!subjects.isEmpty() && !subjects.contains(requester.subject())) {
      return "requester " + requester.subject() + " is not one of " + subjects;
    }
    if (!roles.isEmpty() && Collections.disjoint(roles, requester.roles())) {
      return "requester " + requester.subject() + " has none of the roles " + roles;
    }
    if (!groups.isEmpty() && Collections.disjoint(groups, requester.groups())) {
      return "requester " + requester.subject() + " is in none of the groups " + groups;
    }
    if (accountType == AccountType.SERVICE && !requester.serviceAccount()) {
      return "requester " + requester.subject() + " is not a service account";
    }
    if (accountType == AccountType.PERSON && requester.serviceAccount()) {
      return "requester " + requester.subject() + " is a service account";
    }
    return null;
  }

  @Override
  public String describe() {
    return "requester subjects "
        + subjects
        + " roles "
        + roles
        + " groups "
        + groups
        + " account "
        + accountType;
  }

  @Override
  public int cost() {
    return 2;
  }
}
