package io.custos.policy.model;

/**
 * Who must approve a change to the policy itself and to its address book.
 *
 * @param policyChanges the action for a change to anything but the address book
 * @param addressBookChanges the action for a change to the address book only
 */
public record Governance(Action policyChanges, Action addressBookChanges) {
  /** Without a governance block, the policy cannot be changed through the engine. */
  public static final Governance NONE =
      new Governance(
          new Action.Deny("the policy names no approvers for policy changes"),
          new Action.Deny("the policy names no approvers for address book changes"));

  public Governance {
    if (policyChanges == null || addressBookChanges == null) {
      throw new IllegalArgumentException("governance needs both actions");
    }
  }
}
