package io.custos.service.governance;

import io.custos.policy.intent.Requester;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A row of {@code governance_request}: about a key ({@code key} set) or a policy document ({@code
 * change} set, with its simulation) or a wallet's tags ({@code wallet} set) or lifting a freeze
 * ({@code freeze} set). {@code notBefore} is set once it was timelocked.
 */
record GovernanceRow(
    UUID id,
    GovernanceKind kind,
    Requester proposer,
    String proposerUsername,
    GovernanceRequestView.KeyRef key,
    String proofJson,
    GovernanceRequestView.PolicyChange change,
    String simulationJson,
    GovernanceRequestView.WalletTags wallet,
    UUID freeze,
    GovernanceState state,
    String explanationJson,
    Instant createdAt,
    Instant updatedAt,
    Instant notBefore) {

  static Requester requester(String subject, String[] roles, String[] groups) {
    return new Requester(subject, Set.of(roles), Set.of(groups), false);
  }

  boolean aboutPolicy() {
    return change != null;
  }
}
