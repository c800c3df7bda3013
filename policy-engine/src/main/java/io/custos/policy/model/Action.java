package io.custos.policy.model;

/** What a matching rule decides. */
public sealed interface Action {

  /**
   * Refuse, with a reason shown to the requester.
   *
   * @param reason why
   */
  record Deny(String reason) implements Action {
    public Deny {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a deny action needs a reason");
      }
    }
  }

  /** Allow without approvals: bounded automation. */
  record Allow() implements Action {}

  /**
   * Allow once the approvals are collected.
   *
   * @param requirement the approvals needed
   */
  record Require(ApprovalRequirement requirement) implements Action {
    public Require {
      if (requirement == null) {
        throw new IllegalArgumentException("a require action needs a requirement");
      }
    }
  }
}
