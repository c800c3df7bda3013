package io.custos.policy;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.model.Action;
import io.custos.policy.model.Condition;
import io.custos.policy.model.EvaluationContext;
import io.custos.policy.model.Limit;
import io.custos.policy.model.Rule;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides intents against one policy version. Immutable and thread-safe; the time is passed in, so
 * the same inputs always give the same decision, and usage arrives pre-aggregated, so the cost of a
 * decision does not grow with history.
 */
public final class PolicyEngine {
  private final Policy policy;
  private final List<Rule> rules;
  private final QuorumEvaluator quorums;
  private final RuleIndex index;

  public PolicyEngine(Policy policy) {
    this.policy = policy;
    this.rules = policy.rules();
    this.quorums = new QuorumEvaluator(policy.groups());
    this.index = new RuleIndex(rules);
  }

  public Policy policy() {
    return policy;
  }

  /**
   * The usage figures {@link #evaluate} will need for this intent: the velocity limits of every
   * rule that could match it whatever the time, up to the first rule that matches regardless of
   * time. Compute them all in one query and pass them as {@link Usage}.
   */
  public List<UsageKey> requiredUsage(TransactionIntent intent, Requester requester) {
    EvaluationContext context = new EvaluationContext(intent, requester, Instant.EPOCH);
    Set<UsageKey> keys = new LinkedHashSet<>();
    for (Rule rule : rules) {
      boolean timeDependent = false;
      boolean fails = false;
      for (Condition condition : rule.conditions()) {
        if (!condition.timeIndependent()) {
          timeDependent = true;
        } else if (!condition.test(context)) {
          fails = true;
          break;
        }
      }
      if (fails) {
        continue;
      }
      for (Limit limit : rule.limits()) {
        if (limit instanceof Limit.Window w) {
          keys.add(w.key(context, rule.name()));
        }
      }
      if (!timeDependent) {
        break;
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Decides {@code intent}.
   *
   * @param intent what would be signed
   * @param requester who asks
   * @param approvals the verdicts collected so far (evidence already verified by the caller)
   * @param usage the figures for {@link #requiredUsage}; a missing figure denies
   * @param now the evaluation time
   */
  public Decision evaluate(
      TransactionIntent intent,
      Requester requester,
      List<Approval> approvals,
      Usage usage,
      Instant now) {
    EvaluationContext context = new EvaluationContext(intent, requester, now);
    String denied = denylisted(context);
    if (denied != null) {
      TraceEntry entry = new TraceEntry("denylist", TraceEntry.Outcome.FAILED, denied);
      Trace trace = new Trace(rules, 0, false, context, List.of(entry), List.of());
      return new Decision.Deny(policy.hash(), "", List.of(denied), trace);
    }
    BitSet candidates = index.candidates(intent.wallet());
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      Rule rule = rules.get(i);
      if (rule.firstFailing(context) == null) {
        return decide(rule, context, approvals, usage, i + 1);
      }
    }
    Trace trace = new Trace(rules, rules.size(), false, context, List.of(), List.of());
    return new Decision.Deny(policy.hash(), "", List.of("no rule matched"), trace);
  }

  private Decision decide(
      Rule rule, EvaluationContext context, List<Approval> approvals, Usage usage, int scanned) {
    List<TraceEntry> after = new ArrayList<>();
    LimitCheck.Result limits = LimitCheck.check(rule, context, usage);
    if (!limits.missingUsage().isEmpty()) {
      String reason = "usage figures were not supplied: " + limits.missingUsage();
      after.add(new TraceEntry("limits", TraceEntry.Outcome.FAILED, reason));
      Trace trace = new Trace(rules, scanned, true, context, List.of(), after);
      return new Decision.Deny(policy.hash(), rule.name(), List.of(reason), trace);
    }
    Action action = rule.action();
    List<String> exceededReasons = List.of();
    if (limits.anyExceeded()) {
      exceededReasons = limits.describe(true);
      after.add(new TraceEntry("limits", TraceEntry.Outcome.FAILED, "exceeded " + exceededReasons));
      action = rule.onLimitExceeded();
    } else if (!limits.checks().isEmpty()) {
      after.add(null); // rendered lazily by the trace: see Trace.limitsPassed
    }
    return apply(
        action,
        rule.name(),
        context,
        approvals,
        exceededReasons,
        trace(scanned, context, after, limits));
  }

  private TraceFactory trace(
      int scanned, EvaluationContext context, List<TraceEntry> after, LimitCheck.Result limits) {
    return extra -> {
      List<TraceEntry> all = new ArrayList<>(after);
      all.addAll(extra);
      return new Trace(rules, scanned, true, context, List.of(), all, limits);
    };
  }

  /** Builds the trace once the last steps are known. */
  interface TraceFactory {
    Trace with(List<TraceEntry> extra);
  }

  Decision apply(
      Action action,
      String ruleName,
      EvaluationContext context,
      List<Approval> approvals,
      List<String> limitReasons,
      TraceFactory trace) {
    Instant now = context.now();
    return switch (action) {
      case Action.Deny d -> {
        List<String> reasons = new ArrayList<>();
        reasons.add(d.reason());
        limitReasons.forEach(r -> reasons.add("limit exceeded: " + r));
        yield new Decision.Deny(policy.hash(), ruleName, reasons, trace.with(List.of()));
      }
      case Action.Allow a ->
          new Decision.Allow(policy.hash(), ruleName, now, trace.with(List.of()));
      case Action.Require r ->
          approvals(r, ruleName, context.requester().subject(), approvals, now, trace);
    };
  }

  private Decision approvals(
      Action.Require require,
      String ruleName,
      String requester,
      List<Approval> approvals,
      Instant now,
      TraceFactory trace) {
    QuorumEvaluator.Result result =
        quorums.evaluate(require.requirement(), requester, approvals, now);
    return switch (result) {
      case QuorumEvaluator.Vetoed v ->
          new Decision.Deny(
              policy.hash(),
              ruleName,
              List.of("vetoed by " + v.approver()),
              trace.with(
                  List.of(new TraceEntry("approvals", TraceEntry.Outcome.FAILED, v.detail()))));
      case QuorumEvaluator.Unsatisfied u ->
          new Decision.NeedsApproval(
              policy.hash(),
              ruleName,
              u.missing(),
              u.collected(),
              trace.with(
                  List.of(new TraceEntry("approvals", TraceEntry.Outcome.PENDING, u.detail()))));
      case QuorumEvaluator.Satisfied s -> {
        Instant release = s.satisfiedAt().plus(require.requirement().timelock());
        Instant notBefore = release.isAfter(now) ? release : now;
        String detail =
            s.detail() + (notBefore.isAfter(now) ? "; timelocked until " + notBefore : "");
        yield new Decision.Allow(
            policy.hash(),
            ruleName,
            notBefore,
            trace.with(List.of(new TraceEntry("approvals", TraceEntry.Outcome.PASSED, detail))));
      }
    };
  }

  /** The reason the intent touches a denylisted address, or null. */
  private String denylisted(EvaluationContext context) {
    Set<Address> denylist = policy.addressBook().denylist();
    if (denylist.isEmpty()) {
      return null;
    }
    List<Address> touched = new ArrayList<>(3);
    touched.add(context.intent().to());
    if (context.erc20() != null) {
      touched.add(context.erc20().counterparty());
    }
    if (context.intent().payload() instanceof Payload.TypedDataPayload t) {
      touched.add(t.typedData().verifyingContract());
    }
    for (Address address : touched) {
      if (address != null && denylist.contains(address)) {
        return "address " + address + " is on the denylist";
      }
    }
    return null;
  }

  /**
   * Decides a request to replace this policy with {@code candidate}. A candidate that differs only
   * in its address book needs the address-book approvers; any other change needs the policy
   * approvers.
   */
  public Decision evaluateChange(
      Policy candidate, Requester requester, List<Approval> approvals, Instant now) {
    return new Governor(this).evaluate(candidate, requester, approvals, now);
  }

  /**
   * Decides a change to the approvers' device keys (registration, rotation, revocation): such a
   * change decides who can approve anything, so it needs the same approvers as a policy change
   * ({@code governance.policy_changes}). The proposer is the requester and does not count.
   */
  public Decision evaluateKeyChange(Requester proposer, List<Approval> approvals, Instant now) {
    return governed(
        policy.governance().policyChanges(),
        "governance.approver_keys",
        "an approver key change is decided by governance.policy_changes",
        proposer,
        approvals,
        now);
  }

  /**
   * Decides a change to a wallet's tags: tags choose which rules apply to the wallet, as the
   * address book chooses which destinations they name, so it needs the address-book approvers
   * ({@code governance.address_book_changes}). The proposer is the requester and does not count.
   */
  public Decision evaluateWalletTagsChange(
      Requester proposer, List<Approval> approvals, Instant now) {
    return governed(
        policy.governance().addressBookChanges(),
        "governance.wallet_tags",
        "a wallet tag change is decided by governance.address_book_changes",
        proposer,
        approvals,
        now);
  }

  /**
   * Decides lifting an emergency freeze: signing resumes for what the freeze held, so it needs the
   * same approvers as a policy change ({@code governance.policy_changes}). The proposer is the
   * requester and does not count.
   */
  public Decision evaluateFreezeLift(Requester proposer, List<Approval> approvals, Instant now) {
    return governed(
        policy.governance().policyChanges(),
        "governance.freeze_lift",
        "lifting a freeze is decided by governance.policy_changes",
        proposer,
        approvals,
        now);
  }

  /** A governance change that the governance block's {@code action} decides alone. */
  private Decision governed(
      Action action,
      String ruleName,
      String classification,
      Requester proposer,
      List<Approval> approvals,
      Instant now) {
    var context = new EvaluationContext(null, proposer, now);
    TraceEntry classified = new TraceEntry(ruleName, TraceEntry.Outcome.MATCHED, classification);
    return apply(
        action,
        ruleName,
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

  /**
   * Counts {@code approvals} against the action of rule {@code ruleName} alone, without matching an
   * intent or checking limits: what an offline checker needs to confirm, from a recorded decision's
   * rule, that the approvals which were counted meet the rule's quorum.
   *
   * @throws IllegalArgumentException if the policy has no rule of that name
   */
  public Decision recountApprovals(
      String ruleName, Requester requester, List<Approval> approvals, Instant now) {
    Rule rule = policy.rule(ruleName);
    if (rule == null) {
      throw new IllegalArgumentException("the policy has no rule " + ruleName);
    }
    var context = new EvaluationContext(null, requester, now);
    return apply(rule.action(), ruleName, context, approvals, List.of(), Trace::of);
  }
}
