package io.custos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Evidence;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.usage.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of approval counting that must hold for every quorum and every set of approvals. */
class QuorumPropertiesTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Duration EXPIRY = Duration.ofMinutes(120);
  static final String REQUESTER = "p0";
  static final List<String> GROUPS = List.of("g0", "g1", "g2");
  static final TransactionIntent INTENT =
      Intents.transfer(Intents.wallet("w"), Intents.VENDOR, "1");

  /** A generated quorum: all_of (or any_of) of group quotas. */
  record Quotas(List<Integer> groups, List<Integer> counts, boolean anyOf) {
    int requiredForAllOf() {
      return counts.stream().mapToInt(Integer::intValue).sum();
    }

    String yaml() {
      String parts =
          java.util.stream.IntStream.range(0, groups.size())
              .mapToObj(i -> "{ group: g" + groups.get(i) + ", count: " + counts.get(i) + " }")
              .collect(Collectors.joining(", "));
      return "action: require\napprovals:\n  quorum: { "
          + (anyOf ? "any_of" : "all_of")
          + ": [ "
          + parts
          + " ] }\n  expire_after: 120m";
    }
  }

  @Provide
  Arbitrary<Quotas> quotas() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 3);
    return size.flatMap(
        n ->
            Combinators.combine(
                    Arbitraries.integers().between(0, 2).list().ofSize(n),
                    Arbitraries.integers().between(1, 3).list().ofSize(n),
                    Arbitraries.of(false, true))
                .as(Quotas::new));
  }

  @Provide
  Arbitrary<List<Approval>> approvals() {
    return approval().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Approval> approval() {
    Arbitrary<String> person = Arbitraries.integers().between(0, 6).map(i -> "p" + i);
    Arbitrary<Set<String>> groups = Arbitraries.of(GROUPS).set().ofMaxSize(3);
    Arbitrary<Approval.Verdict> verdict =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(Approval.Verdict.APPROVE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Approval.Verdict.REJECT)));
    Arbitrary<Instant> at =
        Arbitraries.integers().between(0, 180).map(m -> NOW.minus(Duration.ofMinutes(m)));
    return Builders.withBuilder(() -> new Object[4])
        .use(person)
        .in(
            (a, v) -> {
              a[0] = v;
              return a;
            })
        .use(groups)
        .in(
            (a, v) -> {
              a[1] = v;
              return a;
            })
        .use(verdict)
        .in(
            (a, v) -> {
              a[2] = v;
              return a;
            })
        .use(at)
        .in(
            (a, v) -> {
              a[3] = v;
              return a;
            })
        .build(
            a ->
                new Approval(
                    (String) a[0],
                    (Set<String>) a[1],
                    (Approval.Verdict) a[2],
                    (Instant) a[3],
                    Evidence.NONE));
  }

  static Decision decide(Quotas quotas, List<Approval> approvals) {
    Policy policy =
        Policies.parse(header() + "rules:\n  - name: rule\n" + Policies.indent(quotas.yaml()));
    return new PolicyEngine(policy)
        .evaluate(INTENT, Requester.person(REQUESTER), approvals, Usage.NONE, NOW);
  }

  static String header() {
    return "version: 1\nname: props\ngroups:\n  g0: {}\n  g1: {}\n  g2: {}\n";
  }

  static boolean counts(Approval a) {
    return a.verdict() == Approval.Verdict.APPROVE
        && !a.approver().equals(REQUESTER)
        && NOW.isBefore(a.at().plus(EXPIRY));
  }

  /** Kind and what is missing: the parts of a decision that approvals influence. */
  static Object summary(Decision d) {
    return switch (d) {
      case Decision.Allow a -> "allow";
      case Decision.Deny x -> "deny " + x.reasons();
      case Decision.NeedsApproval n -> "needs " + n.missing();
    };
  }

  @Property(tries = 300)
  boolean fewerDistinctApproversThanRequiredNeverSatisfyAllOf(
      @ForAll("quotas") Quotas quotas, @ForAll("approvals") List<Approval> approvals) {
    Quotas allOf = new Quotas(quotas.groups(), quotas.counts(), false);
    Set<String> distinct = new HashSet<>();
    approvals.stream()
        .filter(QuorumPropertiesTest::counts)
        .forEach(a -> distinct.add(a.approver()));
    return distinct.size() >= allOf.requiredForAllOf()
        || !(decide(allOf, approvals) instanceof Decision.Allow);
  }

  @Property(tries = 300)
  void requesterApprovalNeverCounts(
      @ForAll("quotas") Quotas quotas, @ForAll("approvals") List<Approval> approvals) {
    List<Approval> withoutRequester =
        approvals.stream().filter(a -> !a.approver().equals(REQUESTER)).toList();

    assertThat(summary(decide(quotas, approvals)))
        .isEqualTo(summary(decide(quotas, withoutRequester)));
  }

  @Property(tries = 300)
  void duplicateApprovalsNeverCountTwice(
      @ForAll("quotas") Quotas quotas, @ForAll("approvals") List<Approval> approvals) {
    List<Approval> doubled = new ArrayList<>(approvals);
    doubled.addAll(approvals);

    assertThat(summary(decide(quotas, doubled))).isEqualTo(summary(decide(quotas, approvals)));
  }

  @Property(tries = 300)
  void expiredApprovalsNeverCount(
      @ForAll("quotas") Quotas quotas,
      @ForAll("approvals") List<Approval> approvals,
      @ForAll("approvals") List<Approval> extra) {
    List<Approval> withExpired = new ArrayList<>(approvals);
    extra.forEach(
        a ->
            withExpired.add(
                new Approval(
                    a.approver(),
                    a.groups(),
                    a.verdict(),
                    NOW.minus(EXPIRY).minusSeconds(1),
                    a.evidence())));

    assertThat(summary(decide(quotas, withExpired))).isEqualTo(summary(decide(quotas, approvals)));
  }

  @Property(tries = 300)
  boolean addingAnApprovalNeverTurnsANonDenyIntoADeny(
      @ForAll("quotas") Quotas quotas,
      @ForAll("approvals") List<Approval> approvals,
      @ForAll("approval") Approval added) {
    Approval approve =
        new Approval(
            added.approver(),
            added.groups(),
            Approval.Verdict.APPROVE,
            added.at(),
            added.evidence());
    List<Approval> more = new ArrayList<>(approvals);
    more.add(approve);
    return decide(quotas, approvals) instanceof Decision.Deny
        || !(decide(quotas, more) instanceof Decision.Deny);
  }

  @Property(tries = 300)
  boolean addingAVerdictNeverTurnsAnAllowIntoADenyUnlessItVetoes(
      @ForAll("quotas") Quotas quotas,
      @ForAll("approvals") List<Approval> approvals,
      @ForAll("approval") Approval added) {
    List<Approval> more = new ArrayList<>(approvals);
    more.add(added);
    Decision after = decide(quotas, more);
    boolean vetoed =
        after instanceof Decision.Deny d
            && d.reasons().get(0).equals("vetoed by " + added.approver());
    return !(decide(quotas, approvals) instanceof Decision.Allow)
        || !(after instanceof Decision.Deny)
        || vetoed;
  }

  @Property(tries = 300)
  boolean addingAnApproveVerdictNeverTakesAnAllowAway(
      @ForAll("quotas") Quotas quotas,
      @ForAll("approvals") List<Approval> approvals,
      @ForAll("approval") Approval added) {
    Approval approve =
        new Approval(
            added.approver(),
            added.groups(),
            Approval.Verdict.APPROVE,
            added.at(),
            added.evidence());
    List<Approval> more = new ArrayList<>(approvals);
    more.add(approve);
    return !(decide(quotas, approvals) instanceof Decision.Allow)
        || decide(quotas, more) instanceof Decision.Allow;
  }
}
