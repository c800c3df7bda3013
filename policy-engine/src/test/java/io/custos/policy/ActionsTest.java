package io.custos.policy;

import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.usage.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionsTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final TransactionIntent INTENT = Intents.transfer(Intents.wallet("hot-1"), VENDOR, "1");
  static final Requester RITA = Requester.person("rita", "treasury");

  static Decision decide(String actionYaml, List<Approval> approvals) {
    Policy policy = Policies.oneRule("{ chains: [1] }", actionYaml);
    return new PolicyEngine(policy).evaluate(INTENT, RITA, approvals, Usage.NONE, NOW);
  }

  static Approval yes(String who, String... groups) {
    return Approval.approve(who, NOW.minusSeconds(60), groups);
  }

  static Approval no(String who, String... groups) {
    return Approval.reject(who, NOW.minusSeconds(30), groups);
  }

  static final String TWO_TREASURY_ONE_COMPLIANCE =
      """
      action: require
      approvals:
        quorum: { all_of: [ { group: treasury, count: 2 }, { group: compliance, count: 1 } ] }""";

  static final String ANY_OF =
      """
      action: require
      approvals:
        quorum: { any_of: [ { group: treasury, count: 2 }, { group: ops, count: 1 } ] }""";

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "allOfSatisfied",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(yes("t1", "treasury"), yes("t2", "treasury"), yes("c1", "compliance")),
            Decision.Allow.class),
        Arguments.of(
            "allOfMissingCompliance",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(yes("t1", "treasury"), yes("t2", "treasury")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "personInTwoGroupsCountsOnce",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(yes("t1", "treasury"), yes("x", "treasury", "compliance")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "matchingFindsTheAssignmentThatWorks",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(
                yes("x", "treasury", "compliance"), yes("t1", "treasury"), yes("t2", "treasury")),
            Decision.Allow.class),
        Arguments.of(
            "duplicateApprovalsCountOnce",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(yes("t1", "treasury"), yes("t1", "treasury"), yes("c1", "compliance")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "requesterApprovalDoesNotCount",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(yes("rita", "treasury"), yes("t1", "treasury"), yes("c1", "compliance")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "requesterMayApproveWhenTheRuleSaysSo",
            TWO_TREASURY_ONE_COMPLIANCE + "\n  requester_may_approve: true",
            List.of(yes("rita", "treasury"), yes("t1", "treasury"), yes("c1", "compliance")),
            Decision.Allow.class),
        Arguments.of(
            "anyOfFirstBranch",
            ANY_OF,
            List.of(yes("t1", "treasury"), yes("t2", "treasury")),
            Decision.Allow.class),
        Arguments.of(
            "anyOfSecondBranchUsesPolicyMembership",
            ANY_OF,
            List.of(yes("olga")),
            Decision.Allow.class),
        Arguments.of(
            "assertedGroupDoesNotOverridePolicyMembership",
            ANY_OF,
            List.of(yes("mallory", "ops")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "rejectionByRequiredGroupVetoes",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(
                yes("t1", "treasury"),
                yes("t2", "treasury"),
                yes("c1", "compliance"),
                no("c2", "compliance")),
            Decision.Deny.class),
        Arguments.of(
            "rejectionOutsideRequiredGroupsIsIgnored",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(
                yes("t1", "treasury"),
                yes("t2", "treasury"),
                yes("c1", "compliance"),
                no("someone")),
            Decision.Allow.class),
        Arguments.of(
            "vetoCanBeTurnedOff",
            TWO_TREASURY_ONE_COMPLIANCE + "\n  veto: false",
            List.of(
                yes("t1", "treasury"),
                yes("t2", "treasury"),
                yes("c1", "compliance"),
                no("c2", "compliance")),
            Decision.Allow.class),
        Arguments.of(
            "laterApprovalReplacesEarlierRejection",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(
                no("t1", "treasury"),
                Approval.approve("t1", NOW, "treasury"),
                yes("t2", "treasury"),
                yes("c1", "compliance")),
            Decision.Allow.class),
        Arguments.of(
            "expiredApprovalDoesNotCount",
            TWO_TREASURY_ONE_COMPLIANCE + "\n  expire_after: 30s",
            List.of(yes("t1", "treasury"), yes("t2", "treasury"), yes("c1", "compliance")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "approvalFromTheFutureDoesNotCount",
            TWO_TREASURY_ONE_COMPLIANCE,
            List.of(
                yes("t1", "treasury"),
                yes("t2", "treasury"),
                Approval.approve("c1", NOW.plusSeconds(1), "compliance")),
            Decision.NeedsApproval.class),
        Arguments.of(
            "denyIgnoresApprovals",
            "action: deny\nreason: never",
            List.of(yes("t1", "treasury")),
            Decision.Deny.class),
        Arguments.of("allowNeedsNoApprovals", "action: allow", List.of(), Decision.Allow.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void actionsDecideAsConfigured(
      String name, String action, List<Approval> approvals, Class<? extends Decision> expected) {
    assertThat(decide(action, approvals)).isInstanceOf(expected);
  }

  @Test
  void denyCarriesTheRulesReason() {
    Decision decision = decide("action: deny\nreason: Payments to vendors are frozen.", List.of());

    assertThat(((Decision.Deny) decision).reasons())
        .containsExactly("Payments to vendors are frozen.");
  }

  @Test
  void needsApprovalSaysWhatIsMissingAndWhenCollectedApprovalsExpire() {
    Decision decision =
        decide(
            TWO_TREASURY_ONE_COMPLIANCE + "\n  expire_after: 2h", List.of(yes("t1", "treasury")));

    Decision.NeedsApproval pending = (Decision.NeedsApproval) decision;
    assertThat(pending.missing())
        .containsExactly(
            new Decision.MissingApproval("compliance", 1, 0),
            new Decision.MissingApproval("treasury", 2, 1));
    assertThat(pending.collected())
        .containsExactly(
            new Decision.CollectedApproval(
                "t1", "treasury", NOW.minusSeconds(60).plus(Duration.ofHours(2))));
    assertThat(pending.earliestExpiry()).contains(NOW.minusSeconds(60).plus(Duration.ofHours(2)));
  }

  @Test
  void timelockStartsAtTheApprovalThatCompletedTheQuorum() {
    List<Approval> approvals =
        List.of(
            Approval.approve("t1", NOW.minusSeconds(3_000), "treasury"),
            Approval.approve("c1", NOW.minusSeconds(2_000), "compliance"),
            Approval.approve("t2", NOW.minusSeconds(1_000), "treasury"),
            Approval.approve("t3", NOW.minusSeconds(10), "treasury"));

    Decision decision = decide(TWO_TREASURY_ONE_COMPLIANCE + "\n  timelock: 1h", approvals);

    assertThat(((Decision.Allow) decision).notBefore())
        .isEqualTo(NOW.minusSeconds(1_000).plusSeconds(3_600));
  }

  @Test
  void elapsedTimelockReleasesNow() {
    List<Approval> approvals =
        List.of(
            Approval.approve("t1", NOW.minusSeconds(7_200), "treasury"),
            Approval.approve("t2", NOW.minusSeconds(7_200), "treasury"),
            Approval.approve("c1", NOW.minusSeconds(7_200), "compliance"));

    Decision decision = decide(TWO_TREASURY_ONE_COMPLIANCE + "\n  timelock: 1h", approvals);

    assertThat(((Decision.Allow) decision).notBefore()).isEqualTo(NOW);
  }

  @Test
  void sameInputsGiveTheSameDecision() {
    List<Approval> approvals = List.of(yes("t1", "treasury"), yes("c1", "compliance"));

    Decision first = decide(TWO_TREASURY_ONE_COMPLIANCE, approvals);
    Decision second = decide(TWO_TREASURY_ONE_COMPLIANCE, approvals);

    assertThat(second).isEqualTo(first);
    assertThat(second.trace().toString()).isEqualTo(first.trace().toString());
  }

  @Test
  void secondApprovalBySamePersonWithoutGroupClaimKeepsTheirMembership() {
    String oneTreasury = "action: require\napprovals: { quorum: { group: treasury, count: 2 } }";
    List<Approval> approvals =
        List.of(
            Approval.approve("t1", NOW, "treasury"),
            Approval.approve("t2", NOW, "treasury"),
            Approval.approve("t1", NOW));

    assertThat(decide(oneTreasury, approvals)).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void approvalTiedWithOwnRejectionDoesNotLendItsGroupsToTheRejection() {
    String oneTreasury = "action: require\napprovals: { quorum: { group: treasury, count: 1 } }";
    List<Approval> approvals =
        List.of(Approval.reject("t1", NOW), Approval.approve("t1", NOW, "treasury"));

    assertThat(decide(oneTreasury, approvals)).isInstanceOf(Decision.NeedsApproval.class);
  }
}
