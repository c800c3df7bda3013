package io.custos.service.request;

import static io.custos.policy.intent.Approval.Verdict.APPROVE;
import static io.custos.policy.intent.Approval.Verdict.REJECT;
import static io.custos.service.request.VerdictsTest.ACTIVE_KEYS;
import static io.custos.service.request.VerdictsTest.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.policy.Decision;
import io.custos.policy.PolicyEngine;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.usage.Usage;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvals.ApprovalRefused;
import io.custos.service.identity.Caller;
import io.custos.service.wallet.WalletView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a request's verdicts make of it: the stored verdicts that count, decided by the policy, give
 * the request's state. The same steps as {@link Evaluator#decide}, without the database.
 */
class RequestDecisionTest {

  private static final PolicyEngine ENGINE = new PolicyEngine(UnitPolicy.POLICY);
  private static final String HASH = UnitPolicy.POLICY.hash();
  private static final Instant NOW = AT.plusSeconds(60);
  private static final Requester ALICE =
      new Requester("alice", Set.of("requester"), Set.of(), false);

  private static ApprovalEntity approvedBy(String subject) {
    return VerdictsTest.signed(subject, Approval.Verdict.APPROVE, "key-of-" + subject, HASH);
  }

  private static ApprovalEntity rejectedBy(String subject) {
    return VerdictsTest.signed(subject, Approval.Verdict.REJECT, "key-of-" + subject, HASH);
  }

  private static Evaluation decide(WalletView wallet, String to, ApprovalEntity... verdicts) {
    Draft draft =
        Drafts.parse(
            new SubmitBody(wallet.label(), to, "1000", null, null, null, null, null, null),
            UnitPolicy.POLICY.addressBook());
    List<Approval> counted = Verdicts.counted(List.of(verdicts), ACTIVE_KEYS, HASH);
    Decision decision =
        ENGINE.evaluate(Evaluator.intent(wallet, draft), ALICE, counted, new Usage(Map.of()), NOW);
    return Evaluation.of(decision, "{}", NOW);
  }

  private static Evaluation payout(ApprovalEntity... verdicts) {
    return decide(UnitPolicy.TREASURY, UnitPolicy.VENDOR, verdicts);
  }

  @Test
  void aPayoutWithoutVerdictsWaitsForApprovalsAndDoesNotCountTowardsLimits() {
    Evaluation e = payout();

    assertThat(e.state()).isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(e.state().allowed()).isFalse();
    assertThat(e.notBefore()).isNull();
    assertThat(e.allowedAt()).isNull();
  }

  @Test
  void theQuorumOfCountedApprovalsApprovesTheRequestAtOnce() {
    Evaluation e = payout(approvedBy("bob"), approvedBy("carol"));

    assertThat(e.state()).isEqualTo(RequestState.APPROVED);
    assertThat(e.notBefore()).isEqualTo(NOW);
    assertThat(e.allowedAt()).as("velocity windows count from the decision").isEqualTo(NOW);
  }

  @Test
  void theRequesterNeverCountsTowardsTheQuorum() {
    assertThat(payout(approvedBy("alice"), approvedBy("bob")).state())
        .isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void theRequesterCannotGiveAVerdictOnTheirOwnRequestEvenOnceItIsDecided() {
    UUID id = UUID.randomUUID();

    for (RequestState state : List.of(RequestState.PENDING_APPROVAL, RequestState.APPROVED)) {
      assertThatThrownBy(
              () ->
                  VerdictRecording.checkJudgeable(
                      id, "alice", null, caller("alice"), state, APPROVE))
          .isInstanceOfSatisfying(
              ApprovalRefused.class,
              e -> {
                assertThat(e.type()).isEqualTo(ProblemType.SELF_APPROVAL);
                assertThat(e.extensions()).containsEntry("requestId", id.toString());
              });
    }
  }

  @Test
  void theOperatorWhoInitiatedAReplacementCannotGiveAVerdictOnIt() {
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                VerdictRecording.checkJudgeable(
                    id, "alice", "olga", caller("olga"), RequestState.PENDING_APPROVAL, APPROVE))
        .isInstanceOfSatisfying(
            ApprovalRefused.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SELF_APPROVAL));
  }

  /** A person whose subject and username are both {@code name}. */
  private static Caller caller(String name) {
    return new Caller(name, name, Set.of("approver"), Set.of("treasury"), false);
  }

  @Test
  void aVerdictOnARequestNoLongerPendingIsAConflictNamingItsState() {
    assertThatThrownBy(
            () ->
                VerdictRecording.checkJudgeable(
                    UUID.randomUUID(), "alice", null, caller("bob"), RequestState.EXPIRED, REJECT))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e).isNotInstanceOf(ApprovalRefused.class);
              assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
              assertThat(e.extensions()).containsEntry("state", "EXPIRED");
            });
  }

  @Test
  void anotherApproverMayJudgeAPendingRequest() {
    VerdictRecording.checkJudgeable(
        UUID.randomUUID(), "alice", "oscar", caller("bob"), RequestState.PENDING_APPROVAL, APPROVE);

    assertThat(payout(approvedBy("bob")).state()).isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void aTimelockedRequestTakesAVetoButNoFurtherApproval() {
    UUID id = UUID.randomUUID();
    VerdictRecording.checkJudgeable(
        id, "alice", null, caller("bob"), RequestState.TIMELOCKED, REJECT);

    assertThatThrownBy(
            () ->
                VerdictRecording.checkJudgeable(
                    id, "alice", null, caller("bob"), RequestState.TIMELOCKED, APPROVE))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT));
  }

  @Test
  void twoVerdictsOfOneApproverCountOnce() {
    ApprovalEntity earlier = approvedBy("bob");
    ApprovalEntity later = approvedBy("bob");
    later.at = AT.plusSeconds(10);

    assertThat(payout(earlier, later).state()).isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void anApprovalSignedWithARevokedKeyLeavesTheQuorumShort() {
    ApprovalEntity revoked =
        VerdictsTest.signed("carol", Approval.Verdict.APPROVE, "carols-lost-phone", HASH);

    assertThat(payout(approvedBy("bob"), revoked).state()).isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void aRejectionByAMemberOfTheQuorumGroupRejectsTheRequest() {
    Evaluation e = payout(approvedBy("bob"), rejectedBy("carol"));

    assertThat(e.state()).isEqualTo(RequestState.REJECTED);
    assertThat(e.allowedAt()).isNull();
  }

  @Test
  void aRequestNoRuleAllowsIsDeniedNotRejected() {
    Evaluation e = decide(UnitPolicy.TREASURY, "0x3333333333333333333333333333333333333333");

    assertThat(e.state()).isEqualTo(RequestState.DENIED);
    assertThat(e.decision()).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void anApprovalUnderATimelockAllowsTheRequestOnlyWhenTheTimelockEnds() {
    Evaluation e = decide(UnitPolicy.TIMELOCKED, UnitPolicy.VENDOR, approvedBy("bob"));

    assertThat(e.state()).isEqualTo(RequestState.TIMELOCKED);
    assertThat(e.notBefore()).isEqualTo(AT.plus(Duration.ofHours(1)));
    assertThat(e.state().allowed()).as("a timelocked request counts towards limits").isTrue();
    assertThat(e.allowedAt()).isEqualTo(NOW);
  }
}
