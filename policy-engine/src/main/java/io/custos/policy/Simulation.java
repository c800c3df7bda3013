package io.custos.policy;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.usage.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a batch of intents against the current and a candidate policy and reports the changes.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * One intent to replay, with everything evaluation needs.
   *
   * @param id the caller's reference (e.g. a past request id)
   * @param intent the intent
   * @param requester who asked
   * @param approvals the approvals it had
   * @param usage the usage figures at the time (for keys of both policies)
   * @param at the evaluation time
   */
  public record Case(
      String id,
      TransactionIntent intent,
      Requester requester,
      List<Approval> approvals,
      Usage usage,
      Instant at) {
    public Case {
      approvals = List.copyOf(approvals);
    }
  }

  /** The kind of a decision, for comparing outcomes. */
  public enum Outcome {
    ALLOW,
    NEEDS_APPROVAL,
    DENY;

    static Outcome of(Decision decision) {
      return switch (decision) {
        case Decision.Allow a -> ALLOW;
        case Decision.NeedsApproval n -> NEEDS_APPROVAL;
        case Decision.Deny d -> DENY;
      };
    }
  }

  /**
   * How one case fares under both policies.
   *
   * @param id the case id
   * @param current the decision under the current policy
   * @param candidate the decision under the candidate policy
   */
  public record Comparison(String id, Decision current, Decision candidate) {
    /** True when the outcome or the deciding rule differs. */
    public boolean changed() {
      return Outcome.of(current) != Outcome.of(candidate)
          || !current.rule().equals(candidate.rule());
    }

    /** E.g. {@code ALLOW -> DENY}. */
    public String transition() {
      return Outcome.of(current) + " -> " + Outcome.of(candidate);
    }
  }

  /**
   * The result.
   *
   * @param currentHash the current policy's hash
   * @param candidateHash the candidate's hash
   * @param comparisons every case, in order
   */
  public record Report(String currentHash, String candidateHash, List<Comparison> comparisons) {
    public Report {
      comparisons = List.copyOf(comparisons);
    }

    /** The cases whose outcome or deciding rule changed. */
    public List<Comparison> changes() {
      return comparisons.stream().filter(Comparison::changed).toList();
    }

    /** How many cases made each outcome transition, e.g. {@code ALLOW -> DENY: 3}. */
    public Map<String, Integer> summary() {
      Map<String, Integer> counts = new TreeMap<>();
      comparisons.forEach(c -> counts.merge(c.transition(), 1, Integer::sum));
      return counts;
    }
  }

  /** Evaluates every case under both policies. */
  public static Report run(List<Case> batch, Policy current, Policy candidate) {
    PolicyEngine before = new PolicyEngine(current);
    PolicyEngine after = new PolicyEngine(candidate);
    List<Comparison> out = new ArrayList<>(batch.size());
    for (Case c : batch) {
      out.add(
          new Comparison(
              c.id(),
              before.evaluate(c.intent(), c.requester(), c.approvals(), c.usage(), c.at()),
              after.evaluate(c.intent(), c.requester(), c.approvals(), c.usage(), c.at())));
    }
    return new Report(current.hash(), candidate.hash(), out);
  }
}
