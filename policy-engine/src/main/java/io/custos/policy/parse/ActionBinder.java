package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.model.Action;
import io.custos.policy.model.ApprovalRequirement;
import io.custos.policy.model.Quorum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Binds actions ({@code deny}, {@code allow}, {@code require}) and approval requirements. */
final class ActionBinder {
  static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

  /** Counting approvals expands any_of inside all_of into alternatives; bound the product. */
  static final int MAX_ALTERNATIVES = 256;

  private final Values values;

  ActionBinder(Values values) {
    this.values = values;
  }

  /** Binds {@code action} / {@code reason} / {@code approvals} read from {@code at}'s mapping. */
  Action bind(Cursor at, boolean allowAllow) throws PolicyParseException {
    Cursor actionAt = at.require("action");
    String kind = actionAt.text();
    Cursor reason = at.get("reason");
    Cursor approvals = at.get("approvals");
    return switch (kind) {
      case "deny" -> {
        refuse(approvals, "approvals only go with action: require");
        yield new Action.Deny(reason == null ? "denied by policy" : reason.nonBlankText());
      }
      case "allow" -> {
        if (!allowAllow) {
          throw actionAt.error("'allow' is not possible here; use deny or require");
        }
        refuse(approvals, "approvals only go with action: require");
        refuse(reason, "reason only goes with action: deny");
        yield new Action.Allow();
      }
      case "require" -> {
        refuse(reason, "reason only goes with action: deny");
        if (approvals == null) {
          throw at.error("action: require needs an approvals block");
        }
        yield new Action.Require(requirement(approvals));
      }
      default -> throw actionAt.error("action must be deny, allow or require");
    };
  }

  /** A self-contained block {@code {action, reason?, approvals?}}. */
  Action bindBlock(Cursor at, boolean allowAllow) throws PolicyParseException {
    at.map(Set.of("action", "reason", "approvals"));
    return bind(at, allowAllow);
  }

  private static void refuse(Cursor at, String problem) throws PolicyParseException {
    if (at != null) {
      throw at.error(problem);
    }
  }

  private ApprovalRequirement requirement(Cursor at) throws PolicyParseException {
    at.map(Set.of("quorum", "expire_after", "requester_may_approve", "veto", "timelock"));
    Quorum quorum = quorum(at.require("quorum"), 0);
    if (alternatives(quorum) > MAX_ALTERNATIVES) {
      throw at.require("quorum")
          .error(
              "the quorum has more than "
                  + MAX_ALTERNATIVES
                  + " alternative ways to be met; simplify it");
    }
    Duration expiry =
        at.get("expire_after") == null ? DEFAULT_EXPIRY : Values.duration(at.get("expire_after"));
    if (expiry.isZero()) {
      throw at.require("expire_after").error("must be positive");
    }
    boolean requesterMay =
        at.get("requester_may_approve") != null && at.get("requester_may_approve").bool();
    boolean veto = at.get("veto") == null || at.get("veto").bool();
    Duration timelock =
        at.get("timelock") == null ? Duration.ZERO : Values.duration(at.get("timelock"));
    return new ApprovalRequirement(quorum, expiry, requesterMay, veto, timelock);
  }

  /** How many alternatives the quorum expands into, saturating above the maximum. */
  private static long alternatives(Quorum quorum) {
    return switch (quorum) {
      case Quorum.Group g -> 1;
      case Quorum.AnyOf any -> {
        long sum = 0;
        for (Quorum part : any.parts()) {
          sum = Math.min(sum + alternatives(part), MAX_ALTERNATIVES + 1L);
        }
        yield sum;
      }
      case Quorum.AllOf all -> {
        long product = 1;
        for (Quorum part : all.parts()) {
          product = Math.min(product * alternatives(part), MAX_ALTERNATIVES + 1L);
        }
        yield product;
      }
    };
  }

  private Quorum quorum(Cursor at, int depth) throws PolicyParseException {
    if (depth > 8) {
      throw at.error("quorums nest at most 8 deep");
    }
    Node.MapNode map = at.map(Set.of("group", "count", "all_of", "any_of"));
    Set<String> keys = map.entries().keySet();
    if (keys.contains("group")) {
      if (keys.contains("all_of") || keys.contains("any_of")) {
        throw at.error("give either group/count, all_of or any_of");
      }
      String group = values.group(at.require("group"));
      int count = at.get("count") == null ? 1 : (int) at.get("count").integer(1, 100);
      return new Quorum.Group(group, count);
    }
    if (keys.size() != 1 || keys.contains("count")) {
      throw at.error("give either group/count, all_of or any_of");
    }
    boolean all = keys.contains("all_of");
    List<Quorum> parts = new ArrayList<>();
    for (Cursor item : at.require(all ? "all_of" : "any_of").nonEmptyItems()) {
      parts.add(quorum(item, depth + 1));
    }
    return all ? new Quorum.AllOf(parts) : new Quorum.AnyOf(parts);
  }
}
