package io.custos.service.request;

import io.custos.policy.Decision;
import io.custos.policy.TraceEntry;
import java.time.Instant;
import java.util.List;

/**
 * A policy decision on a request and what it means for the request.
 *
 * @param state the request's new state
 * @param decision the engine's decision
 * @param explanationJson the decision and its rendered trace, as stored ({@code jsonb})
 * @param notBefore the release time when allowed, else null
 * @param allowedAt the evaluation time when allowed (velocity windows count from it), else null
 */
record Evaluation(
    RequestState state,
    Decision decision,
    String explanationJson,
    Instant notBefore,
    Instant allowedAt) {

  /** What the engine's {@code decision} at {@code now} means for the request. */
  static Evaluation of(Decision decision, String explanationJson, Instant now) {
    RequestState state = RequestState.of(decision, vetoed(decision), now);
    Instant notBefore = decision instanceof Decision.Allow a ? a.notBefore() : null;
    return new Evaluation(
        state, decision, explanationJson, notBefore, state.allowed() ? now : null);
  }

  /** A denial decided by the approvals step is a veto (a rejection by a required group). */
  private static boolean vetoed(Decision decision) {
    if (!(decision instanceof Decision.Deny)) {
      return false;
    }
    List<TraceEntry> entries = decision.trace().entries();
    TraceEntry last = entries.isEmpty() ? null : entries.getLast();
    return last != null
        && last.step().equals("approvals")
        && last.outcome() == TraceEntry.Outcome.FAILED;
  }
}
