package io.custos.policy.intent;

import java.time.Instant;
import java.util.Set;

/**
 * One approver's verdict on a request.
 *
 * @param approver the approver's subject
 * @param groups the approver's groups as asserted by the identity provider
 * @param verdict approve or reject
 * @param at when the verdict was given
 * @param evidence proof of the verdict, verified by the service before this record is built
 */
public record Approval(
    String approver, Set<String> groups, Verdict verdict, Instant at, Evidence evidence) {

  /** Approve or reject. */
  public enum Verdict {
    APPROVE,
    REJECT
  }

  public Approval {
    if (approver == null || approver.isBlank()) {
      throw new IllegalArgumentException("approver subject is required");
    }
    groups = Set.copyOf(groups == null ? Set.of() : groups);
    if (verdict == null || at == null) {
      throw new IllegalArgumentException("approval needs a verdict and a time");
    }
    evidence = evidence == null ? Evidence.NONE : evidence;
  }

  /** An approval without evidence. */
  public static Approval approve(String approver, Instant at, String... groups) {
    return new Approval(approver, Set.of(groups), Verdict.APPROVE, at, Evidence.NONE);
  }

  /** A rejection without evidence. */
  public static Approval reject(String approver, Instant at, String... groups) {
    return new Approval(approver, Set.of(groups), Verdict.REJECT, at, Evidence.NONE);
  }
}
