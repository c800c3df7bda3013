package io.custos.policy;

import io.custos.policy.model.Condition;
import io.custos.policy.model.Erc20Call;
import io.custos.policy.model.EvaluationContext;
import io.custos.policy.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The explanation of a decision: every rule looked at, in order, and why it matched or not, then
 * the checks made on the matching rule. The rule scan is kept compact (the failing condition of
 * each rule) and rendered to words when {@link #entries()} is called, so deciding stays cheap with
 * thousands of rules; rendering is deterministic because the inputs are immutable.
 */
public final class Trace {
  private final List<Rule> rules;
  private final int scanned;
  private final boolean lastMatched;
  private final EvaluationContext context;
  private final List<TraceEntry> before;
  private final List<TraceEntry> after;
  private final LimitCheck.Result limits;

  Trace(
      List<Rule> rules,
      int scanned,
      boolean lastMatched,
      EvaluationContext context,
      List<TraceEntry> before,
      List<TraceEntry> after) {
    this(rules, scanned, lastMatched, context, before, after, null);
  }

  /**
   * With {@code limits}: a null entry in {@code after} stands for the limits that held, whose words
   * are only made when the trace is rendered.
   */
  Trace(
      List<Rule> rules,
      int scanned,
      boolean lastMatched,
      EvaluationContext context,
      List<TraceEntry> before,
      List<TraceEntry> after,
      LimitCheck.Result limits) {
    this.limits = limits;
    this.rules = rules;
    this.scanned = scanned;
    this.lastMatched = lastMatched;
    this.context = context;
    this.before = List.copyOf(before);
    this.after = java.util.Collections.unmodifiableList(new ArrayList<>(after));
  }

  /** A trace of explicit entries only (governance decisions). */
  static Trace of(List<TraceEntry> entries) {
    return new Trace(List.of(), 0, false, null, entries, List.of());
  }

  /** The steps, in the order they were taken. */
  public List<TraceEntry> entries() {
    List<TraceEntry> out = new ArrayList<>(before.size() + scanned + after.size());
    out.addAll(before);
    for (int i = 0; i < scanned; i++) {
      Rule rule = rules.get(i);
      // Evaluation is deterministic, so the failing condition found again here is the one the
      // decision saw (rules skipped by the wallet index fail on their wallet condition).
      Condition condition = lastMatched && i == scanned - 1 ? null : rule.firstFailing(context);
      out.add(
          condition == null
              ? new TraceEntry(rule.name(), TraceEntry.Outcome.MATCHED, matchedDetail(rule))
              : new TraceEntry(
                  rule.name(), TraceEntry.Outcome.NOT_MATCHED, condition.mismatch(context)));
    }
    for (TraceEntry entry : after) {
      out.add(
          entry != null
              ? entry
              : new TraceEntry(
                  "limits", TraceEntry.Outcome.PASSED, "within " + limits.describe(false)));
    }
    return out;
  }

  /** The ERC-20 call decoded from the decided intent's calldata, or null. */
  Erc20Call erc20Call() {
    return context == null ? null : context.erc20();
  }

  /** How many rules were looked at. */
  public int rulesExamined() {
    return scanned;
  }

  private static String matchedDetail(Rule rule) {
    if (rule.conditions().isEmpty()) {
      return "matches every intent";
    }
    return rule.conditions().stream().map(Condition::describe).collect(Collectors.joining("; "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Trace that && entries().equals(that.entries());
  }

  @Override
  public int hashCode() {
    return entries().hashCode();
  }

  /** One line per step. */
  @Override
  public String toString() {
    return entries().stream().map(TraceEntry::toString).collect(Collectors.joining("\n"));
  }
}
