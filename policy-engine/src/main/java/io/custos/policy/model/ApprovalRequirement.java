package io.custos.policy.model;

import java.time.Duration;

/**
 * A {@code require} action: the quorum and how approvals are counted.
 *
 * @param quorum who must approve
 * @param expireAfter how long an approval stays valid after it was given
 * @param requesterMayApprove true to let the requester's own approval count (off by default)
 * @param veto true when a rejection by a member of a required group denies the request
 * @param timelock the delay between the approval that completes the quorum and release
 */
public record ApprovalRequirement(
    Quorum quorum,
    Duration expireAfter,
    boolean requesterMayApprove,
    boolean veto,
    Duration timelock) {
  public ApprovalRequirement {
    if (quorum == null) {
      throw new IllegalArgumentException("a requirement needs a quorum");
    }
    if (expireAfter == null || expireAfter.isNegative() || expireAfter.isZero()) {
      throw new IllegalArgumentException("approvals must expire after a positive duration");
    }
    if (timelock == null || timelock.isNegative()) {
      throw new IllegalArgumentException("the timelock must not be negative");
    }
  }
}
