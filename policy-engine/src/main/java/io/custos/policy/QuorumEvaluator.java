package io.custos.policy;

import io.custos.policy.Decision.CollectedApproval;
import io.custos.policy.Decision.MissingApproval;
import io.custos.policy.intent.Approval;
import io.custos.policy.model.ApprovalRequirement;
import io.custos.policy.model.GroupDefinition;
import io.custos.policy.model.Quorum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts approvals against a requirement. A quorum is expanded into alternatives (any_of gives
 * several, all_of sums counts per group); each alternative is a set of group quotas, and approvers
 * are assigned to quota slots by bipartite matching, so one person fills at most one slot however
 * many groups they are in.
 */
final class QuorumEvaluator {

  /** The outcome of counting. */
  sealed interface Result {
    /** Human summary for the trace. */
    String detail();
  }

  /** The quorum is met; {@code satisfiedAt} is when the approval that completed it was given. */
  record Satisfied(Instant satisfiedAt, String detail) implements Result {}

  /** A member of a required group rejected. */
  record Vetoed(String approver, String detail) implements Result {}

  /** Not yet met: the closest alternative's gaps. */
  record Unsatisfied(
      List<MissingApproval> missing, List<CollectedApproval> collected, String detail)
      implements Result {}

  private final Map<String, GroupDefinition> groups;

  QuorumEvaluator(Map<String, GroupDefinition> groups) {
    this.groups = groups;
  }

  Result evaluate(
      ApprovalRequirement requirement, String requester, List<Approval> approvals, Instant now) {
    List<String> ignored = new ArrayList<>();
    List<Approval> valid = latestValidPerPerson(requirement, requester, approvals, now, ignored);
    List<Map<String, Integer>> alternatives = alternatives(requirement.quorum());
    if (requirement.veto()) {
      Set<String> required = new LinkedHashSet<>();
      alternatives.forEach(a -> required.addAll(a.keySet()));
      for (Approval approval : valid) {
        if (approval.verdict() == Approval.Verdict.REJECT && memberOfAny(approval, required)) {
          return new Vetoed(
              approval.approver(), approval.approver() + " rejected (veto)" + notes(ignored));
        }
      }
    }
    List<Approval> approves =
        valid.stream()
            .filter(a -> a.verdict() == Approval.Verdict.APPROVE)
            .sorted(Comparator.comparing(Approval::at).thenComparing(Approval::approver))
            .toList();
    if (!satisfiedBy(alternatives, approves)) {
      return closest(requirement, alternatives, approves, ignored);
    }
    // Satisfaction only grows as approvals are added in time order: binary-search the shortest
    // prefix that meets the quorum, whose last approval is when the quorum was met.
    int low = 1;
    int high = approves.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (satisfiedBy(alternatives, approves.subList(0, mid))) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    List<Approval> prefix = approves.subList(0, low);
    return new Satisfied(
        prefix.get(low - 1).at(), "quorum met by " + approvers(prefix) + notes(ignored));
  }

  private boolean satisfiedBy(List<Map<String, Integer>> alternatives, List<Approval> approves) {
    for (Map<String, Integer> alternative : alternatives) {
      if (assign(alternative, approves).complete()) {
        return true;
      }
    }
    return false;
  }

  private Unsatisfied closest(
      ApprovalRequirement requirement,
      List<Map<String, Integer>> alternatives,
      List<Approval> approves,
      List<String> ignored) {
    Assignment closest = null;
    for (Map<String, Integer> alternative : alternatives) {
      Assignment candidate = assign(alternative, approves);
      if (closest == null || candidate.missingTotal() < closest.missingTotal()) {
        closest = candidate;
      }
    }
    Assignment best = closest;
    List<MissingApproval> missing = new ArrayList<>();
    best.quotas.forEach(
        (group, required) -> {
          int counted = best.countFor(group);
          if (counted < required) {
            missing.add(new MissingApproval(group, required, counted));
          }
        });
    List<CollectedApproval> collected = new ArrayList<>();
    best.slotOwner.forEach(
        (slot, approval) ->
            collected.add(
                new CollectedApproval(
                    approval.approver(),
                    best.slotGroup.get(slot),
                    approval.at().plus(requirement.expireAfter()))));
    String detail =
        "missing "
            + missing.stream().map(m -> m.stillNeeded() + " of " + m.group()).toList()
            + (collected.isEmpty() ? "" : "; counted " + approvers(best.slotOwner.values()))
            + notes(ignored);
    return new Unsatisfied(missing, collected, detail);
  }

  private List<Approval> latestValidPerPerson(
      ApprovalRequirement requirement,
      String requester,
      List<Approval> approvals,
      Instant now,
      List<String> ignored) {
    Map<String, Approval> latest = new LinkedHashMap<>();
    List<Approval> valid = new ArrayList<>();
    for (Approval approval : approvals) {
      String who = approval.approver();
      if (who.equals(requester) && !requirement.requesterMayApprove()) {
        ignored.add(who + " (requester)");
      } else if (approval.at().isAfter(now)) {
        ignored.add(who + " (given after the evaluation time)");
      } else if (!now.isBefore(approval.at().plus(requirement.expireAfter()))) {
        ignored.add(who + " (expired)");
      } else {
        latest.merge(who, approval, QuorumEvaluator::later);
        valid.add(approval);
      }
    }
    // A person's latest verdict counts, with every group asserted in their valid approvals of that
    // same verdict: another approval by the same person can then only add, never take away.
    List<Approval> out = new ArrayList<>(latest.size());
    for (Approval a : latest.values()) {
      Set<String> groups = new java.util.TreeSet<>();
      for (Approval v : valid) {
        if (v.approver().equals(a.approver()) && v.verdict() == a.verdict()) {
          groups.addAll(v.groups());
        }
      }
      out.add(new Approval(a.approver(), groups, a.verdict(), a.at(), a.evidence()));
    }
    return out;
  }

  /** A person's later verdict replaces an earlier one; at the same instant a rejection wins. */
  private static Approval later(Approval a, Approval b) {
    int order = a.at().compareTo(b.at());
    if (order != 0) {
      return order > 0 ? a : b;
    }
    return a.verdict() == Approval.Verdict.REJECT ? a : b;
  }

  private boolean memberOfAny(Approval approval, Set<String> groupNames) {
    for (String name : groupNames) {
      if (isMember(approval, name)) {
        return true;
      }
    }
    return false;
  }

  private boolean isMember(Approval approval, String group) {
    GroupDefinition definition = groups.get(group);
    return definition != null && definition.includes(approval.approver(), approval.groups());
  }

  /** Expands a quorum into alternatives of group quotas (disjunctive normal form). */
  static List<Map<String, Integer>> alternatives(Quorum quorum) {
    return switch (quorum) {
      case Quorum.Group g -> List.of(Map.of(g.group(), g.count()));
      case Quorum.AnyOf any -> {
        List<Map<String, Integer>> out = new ArrayList<>();
        any.parts().forEach(p -> out.addAll(alternatives(p)));
        yield out;
      }
      case Quorum.AllOf all -> {
        List<Map<String, Integer>> out = List.of(Map.of());
        for (Quorum part : all.parts()) {
          List<Map<String, Integer>> next = new ArrayList<>();
          for (Map<String, Integer> left : out) {
            for (Map<String, Integer> right : alternatives(part)) {
              Map<String, Integer> merged = new HashMap<>(left);
              right.forEach((g, n) -> merged.merge(g, n, Integer::sum));
              next.add(merged);
            }
          }
          out = next;
        }
        yield out;
      }
    };
  }

  private Assignment assign(Map<String, Integer> quotas, List<Approval> approves) {
    Assignment assignment = new Assignment(quotas);
    for (Approval approval : approves) {
      assignment.place(approval, new boolean[assignment.slotGroup.size()]);
    }
    return assignment;
  }

  private static String approvers(java.util.Collection<Approval> approvals) {
    return approvals.stream().map(Approval::approver).sorted().toList().toString();
  }

  private static String notes(List<String> ignored) {
    return ignored.isEmpty() ? "" : "; not counted: " + ignored;
  }

  /** Slots (one per required approval) and who fills them; filled by augmenting paths. */
  private final class Assignment {
    private final Map<String, Integer> quotas;
    private final List<String> slotGroup = new ArrayList<>();
    private final Map<Integer, Approval> slotOwner = new LinkedHashMap<>();

    Assignment(Map<String, Integer> quotas) {
      this.quotas = new java.util.TreeMap<>(quotas);
      this.quotas.forEach(
          (group, count) -> {
            for (int i = 0; i < count; i++) {
              slotGroup.add(group);
            }
          });
    }

    /** Kuhn's augmenting path: place {@code approval}, moving earlier ones if that frees a slot. */
    boolean place(Approval approval, boolean[] visited) {
      for (int slot = 0; slot < slotGroup.size(); slot++) {
        if (visited[slot] || !isMember(approval, slotGroup.get(slot))) {
          continue;
        }
        visited[slot] = true;
        Approval owner = slotOwner.get(slot);
        if (owner == null || place(owner, visited)) {
          slotOwner.put(slot, approval);
          return true;
        }
      }
      return false;
    }

    boolean complete() {
      return slotOwner.size() == slotGroup.size();
    }

    int missingTotal() {
      return slotGroup.size() - slotOwner.size();
    }

    int countFor(String group) {
      int n = 0;
      for (int slot : slotOwner.keySet()) {
        n += slotGroup.get(slot).equals(group) ? 1 : 0;
      }
      return n;
    }
  }
}
