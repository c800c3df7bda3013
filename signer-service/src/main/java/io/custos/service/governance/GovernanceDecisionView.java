package io.custos.service.governance;

import io.custos.policy.Decision;
import io.custos.policy.TraceEntry;
import java.util.List;

/**
 * The latest decision on a governance request, rendered when it is made.
 *
 * @param outcome ALLOW, NEEDS_APPROVAL or DENY
 * @param rule the governance step that decided, e.g. {@code governance.approver_keys}
 * @param policyHash the policy whose governance block decided
 * @param reasons why denied
 * @param missing approvals still missing, e.g. {@code 2 more of admins}
 * @param explanation the trace, one line per step
 */
public record GovernanceDecisionView(
    String outcome,
    String rule,
    String policyHash,
    List<String> reasons,
    List<String> missing,
    List<String> explanation) {

  static GovernanceDecisionView of(Decision decision) {
    List<String> trace = decision.trace().entries().stream().map(TraceEntry::toString).toList();
    return switch (decision) {
      case Decision.Deny d ->
          new GovernanceDecisionView(
              "DENY", d.rule(), d.policyHash(), d.reasons(), List.of(), trace);
      case Decision.NeedsApproval n ->
          new GovernanceDecisionView(
              "NEEDS_APPROVAL",
              n.rule(),
              n.policyHash(),
              List.of(),
              n.missing().stream().map(m -> m.stillNeeded() + " more of " + m.group()).toList(),
              trace);
      case Decision.Allow a ->
          new GovernanceDecisionView(
              "ALLOW", a.rule(), a.policyHash(), List.of(), List.of(), trace);
    };
  }
}
