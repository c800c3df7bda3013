package io.custos.policy;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.model.Action;
import io.custos.policy.model.EvaluationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Evaluates change requests for a policy under the policy's own governance block. */
final class Governor {
  private final PolicyEngine engine;

  Governor(PolicyEngine engine) {
    this.engine = engine;
  }

  Decision evaluate(Policy candidate, Requester requester, List<Approval> approvals, Instant now) {
    Policy current = engine.policy();
    if (candidate.hash().equals(current.hash())) {
      TraceEntry entry =
          new TraceEntry(
              "governance", TraceEntry.Outcome.FAILED, "the candidate equals the current policy");
      return new Decision.Deny(
          current.hash(), "", List.of("nothing to change"), Trace.of(List.of(entry)));
    }
    boolean bookOnly = candidate.hashWithoutAddressBook().equals(current.hashWithoutAddressBook());
    String step = bookOnly ? "governance.address_book_changes" : "governance.policy_changes";
    Action action =
        bookOnly ? current.governance().addressBookChanges() : current.governance().policyChanges();
    TraceEntry classified =
        new TraceEntry(
            step,
            TraceEntry.Outcome.MATCHED,
            (bookOnly ? "only the address book changes" : "the policy changes")
                + ": "
                + current.hash()
                + " -> "
                + candidate.hash());
    var context = new EvaluationContext(null, requester, now);
    return engine.apply(
        action,
        step,
        context,
        approvals,
        List.of(),
        extra -> {
          List<TraceEntry> all = new ArrayList<>();
          all.add(classified);
          all.addAll(extra);
          return Trace.of(all);
        });
  }
}
