package io.custos.service.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.custos.policy.Decision;
import io.custos.policy.TraceEntry;
import java.time.Instant;
import java.util.List;

/**
 * A decision as stored in {@code tx_request.explanation}: rendered once, when it is made, so the
 * words shown later are the words the decision had even if the policy changes.
 *
 * @param outcome ALLOW, NEEDS_APPROVAL or DENY
 * @param rule the deciding rule, empty when none
 * @param policyHash the deciding policy version
 * @param reasons why denied
 * @param missing approvals still missing
 * @param notBefore release time when allowed
 * @param trace the explanation, one line per step
 */
// Read back from rows that older versions wrote: the API's refusal of unknown fields is for what
// clients send, not for what the database holds.
@JsonIgnoreProperties(ignoreUnknown = true)
record Explanation(
    String outcome,
    String rule,
    String policyHash,
    List<String> reasons,
    List<String> missing,
    Instant notBefore,
    List<String> trace) {

  static Explanation of(Decision decision) {
    List<String> trace = decision.trace().entries().stream().map(TraceEntry::toString).toList();
    return switch (decision) {
      case Decision.Deny d ->
          new Explanation("DENY", d.rule(), d.policyHash(), d.reasons(), List.of(), null, trace);
      case Decision.NeedsApproval n ->
          new Explanation(
              "NEEDS_APPROVAL",
              n.rule(),
              n.policyHash(),
              List.of(),
              n.missing().stream().map(m -> m.stillNeeded() + " more of " + m.group()).toList(),
              null,
              trace);
      case Decision.Allow a ->
          new Explanation(
              "ALLOW", a.rule(), a.policyHash(), List.of(), List.of(), a.notBefore(), trace);
    };
  }

  DecisionView view() {
    return new DecisionView(outcome, rule, policyHash, reasons, missing, trace);
  }
}
