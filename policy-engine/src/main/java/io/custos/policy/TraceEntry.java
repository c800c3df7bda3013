package io.custos.policy;

/**
 * One step of an explanation: a rule looked at, or a check made once a rule matched.
 *
 * @param step what was looked at: a rule name, or {@code denylist}, {@code limits}, {@code
 *     approvals}
 * @param outcome what came of it
 * @param detail why, in words fit for a UI and the audit log
 */
public record TraceEntry(String step, Outcome outcome, String detail) {

  /** The result of one step. */
  public enum Outcome {
    /** The rule's conditions all held. */
    MATCHED,
    /** A condition of the rule failed (the detail names it). */
    NOT_MATCHED,
    /** A check passed. */
    PASSED,
    /** A check failed and changed the decision. */
    FAILED,
    /** Approvals are still missing. */
    PENDING
  }

  @Override
  public String toString() {
    return step + ": " + outcome + " - " + detail;
  }
}
