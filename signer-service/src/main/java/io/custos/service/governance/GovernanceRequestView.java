package io.custos.service.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A governance request as the API shows it: a change to an approver's key or to the policy, waiting
 * for (or decided by) the quorum of the active policy's governance block.
 *
 * @param id the governance request
 * @param kind {@code approver_key.register}, {@code approver_key.revoke}, {@code policy.change},
 *     {@code address_book.change}, {@code wallet.tags} or {@code freeze.lift}
 * @param state PENDING_APPROVAL, TIMELOCKED (quorum met, waiting for the governance timelock),
 *     APPROVED (carried out) or REJECTED
 * @param proposer who proposed it (username)
 * @param key for a key change: the key it is about, else null
 * @param policy for a policy or address-book change: the candidate, else null
 * @param simulation for a policy or address-book change: its replay against recent requests
 * @param wallet for a wallet tag change: the wallet and its tags, else null
 * @param freeze for lifting a freeze: the freeze ({@code GET /api/v1/freezes/{id}}), else null
 * @param decision the latest decision
 * @param approvals the admins' verdicts
 * @param notBefore once timelocked: when the change may take effect (by the service clock), else
 *     null
 * @param createdAt when it was proposed
 * @param updatedAt when it last changed
 */
public record GovernanceRequestView(
    UUID id,
    GovernanceKind kind,
    GovernanceState state,
    String proposer,
    KeyRef key,
    PolicyChange policy,
    JsonNode simulation,
    WalletTags wallet,
    UUID freeze,
    GovernanceDecisionView decision,
    List<GovernanceApprovalView> approvals,
    Instant notBefore,
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

  /**
   * The policy a change proposes.
   *
   * @param candidateHash the candidate's hash, which becomes the active hash on approval
   * @param baseHash the active policy's hash when it was proposed; if another version becomes
   *     active first, the proposal is closed
   * @param document the candidate document as sent
   */
  public record PolicyChange(String candidateHash, String baseHash, String document) {}

  /**
   * The tags a wallet tag change proposes.
   *
   * @param label the wallet's label
   * @param tags the tags it takes on approval, sorted
   * @param previousTags its tags when proposed, sorted; if they change first, the proposal is
   *     closed
   */
  public record WalletTags(String label, List<String> tags, List<String> previousTags) {}
}
