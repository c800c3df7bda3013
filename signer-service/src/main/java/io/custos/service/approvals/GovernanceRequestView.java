package io.custos.service.approvals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A governance request as the API shows it: a change to an approver's key, waiting for (or decided
 * by) the admin quorum of the active policy's governance block.
 *
 * @param id the governance request
 * @param kind {@code approver_key.register} or {@code approver_key.revoke}
 * @param state PENDING_APPROVAL, APPROVED (carried out) or REJECTED
 * @param proposer who proposed it (username)
 * @param key the key it is about: its owner and address
 * @param decision the latest decision
 * @param approvals the admins' verdicts
 * @param createdAt when it was proposed
 * @param updatedAt when it last changed
 */
public record GovernanceRequestView(
    UUID id,
    String kind,
    String state,
    String proposer,
    KeyRef key,
    GovernanceDecisionView decision,
    List<GovernanceApprovalView> approvals,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The key a governance request is about.
   *
   * @param subject its owner's subject
   * @param username its owner's username
   * @param address the key's address, lower-case hex
   */
  public record KeyRef(String subject, String username, String address) {}
}
