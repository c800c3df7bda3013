package io.custos.policy;

import io.custos.policy.model.Erc20Call;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The outcome of evaluating an intent (or a change request) against a policy version. */
public sealed interface Decision {

  /** The SHA-256 of the policy version that decided. */
  String policyHash();

  /** The rule that decided; empty when no rule matched or a pre-check decided. */
  String rule();

  /** The explanation. */
  Trace trace();

  /**
   * The ERC-20 call the decision read from the intent's calldata (strictly decoded), or null when
   * there is none. Whoever records velocity usage takes the token amount and counterparty from
   * here, never from a parse of its own, so usage counts exactly what the limits checked.
   */
  default Erc20Call erc20Call() {
    return trace().erc20Call();
  }

  /**
   * Refused.
   *
   * @param policyHash the deciding policy version
   * @param rule the deciding rule, or empty
   * @param reasons why, most important first
   * @param trace the explanation
   */
  record Deny(String policyHash, String rule, List<String> reasons, Trace trace)
      implements Decision {
    public Deny {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * Allowed once more approvals arrive.
   *
   * @param policyHash the deciding policy version
   * @param rule the deciding rule
   * @param missing what is still missing, group by group, for the closest way to satisfy the quorum
   * @param collected the approvals that count so far, with when each expires
   * @param trace the explanation
   */
  record NeedsApproval(
      String policyHash,
      String rule,
      List<MissingApproval> missing,
      List<CollectedApproval> collected,
      Trace trace)
      implements Decision {
    public NeedsApproval {
      missing = List.copyOf(missing);
      collected = List.copyOf(collected);
    }

    /** When the first collected approval expires, if any were collected. */
    public Optional<Instant> earliestExpiry() {
      return collected.stream().map(CollectedApproval::expiresAt).min(Comparator.naturalOrder());
    }
  }

  /**
   * Allowed.
   *
   * @param policyHash the deciding policy version
   * @param rule the deciding rule
   * @param notBefore the release time: the evaluation time, or later when a timelock applies
   * @param trace the explanation
   */
  record Allow(String policyHash, String rule, Instant notBefore, Trace trace)
      implements Decision {}

  /**
   * A group whose quota is not met.
   *
   * @param group the approval group
   * @param required how many of its members must approve
   * @param counted how many approvals count for it so far
   */
  record MissingApproval(String group, int required, int counted) {
    /** How many more are needed. */
    public int stillNeeded() {
      return required - counted;
    }
  }

  /**
   * An approval that counts.
   *
   * @param approver the approver's subject
   * @param group the group it counts for
   * @param expiresAt when it stops counting
   */
  record CollectedApproval(String approver, String group, Instant expiresAt) {}
}
