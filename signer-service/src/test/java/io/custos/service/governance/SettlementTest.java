package io.custos.service.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.Decision;
import io.custos.policy.PolicyEngine;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.service.governance.Settlement.Effect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a governance decision settles its request, without the service: the test policy's governance
 * block (two admins other than the proposer, a 3s timelock) decides through the real policy engine.
 */
class SettlementTest {

  private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  private static final Duration TIMELOCK = Duration.ofSeconds(3);
  private static final Requester PROPOSER =
      new Requester("heidi", Set.of("admin"), Set.of("admins"), false);

  private static PolicyEngine engine() throws Exception {
    Path file = Path.of("src/test/resources/policy/test-policy-governance-timelock.yaml");
    return new PolicyEngine(PolicyParser.parse(Files.readString(file)));
  }

  private static Settlement keyChange(List<Approval> approvals, Instant now) throws Exception {
    Decision d = engine().evaluateKeyChange(PROPOSER, approvals, now);
    return Settlement.of(GovernanceKind.REGISTER_KEY, d, now);
  }

  private static Approval reject(String admin, Instant at) {
    return new Approval(admin, Set.of("admins"), Approval.Verdict.REJECT, at, null);
  }

  @Test
  void oneApprovalShortOfTheQuorumLeavesTheRequestPendingAndChangesNothing() throws Exception {
    Settlement s = keyChange(List.of(Approval.approve("frank", T0, "admins")), T0);

    assertThat(s).isEqualTo(new Settlement(GovernanceState.PENDING_APPROVAL, null, Effect.NONE));
  }

  @Test
  void theProposersOwnApprovalDoesNotCountTowardsTheQuorum() throws Exception {
    Settlement s =
        keyChange(
            List.of(
                Approval.approve("heidi", T0, "admins"), Approval.approve("frank", T0, "admins")),
            T0);

    assertThat(s.state()).isEqualTo(GovernanceState.PENDING_APPROVAL);
  }

  @Test
  void aQuorumMetBeforeItsTimelockEndsWaitsTimelockedUntilThen() throws Exception {
    Instant met = T0.plusSeconds(1);
    Settlement s =
        keyChange(
            List.of(
                Approval.approve("frank", T0, "admins"), Approval.approve("grace", met, "admins")),
            met);

    assertThat(s)
        .isEqualTo(new Settlement(GovernanceState.TIMELOCKED, met.plus(TIMELOCK), Effect.NONE));
  }

  @Test
  void theSameQuorumDecidedAgainOnceTheTimelockEndedActivatesTheKey() throws Exception {
    Instant met = T0.plusSeconds(1);
    Settlement s =
        keyChange(
            List.of(
                Approval.approve("frank", T0, "admins"), Approval.approve("grace", met, "admins")),
            met.plus(TIMELOCK));

    assertThat(s).isEqualTo(new Settlement(GovernanceState.APPROVED, null, Effect.ACTIVATE_KEY));
  }

  @Test
  void anAdminsRejectionDuringTheTimelockVetoesTheChangeAndDropsThePendingKey() throws Exception {
    Instant met = T0.plusSeconds(1);
    Instant vetoed = met.plusSeconds(1);
    Settlement s =
        keyChange(
            List.of(
                Approval.approve("frank", T0, "admins"),
                Approval.approve("grace", met, "admins"),
                reject("erin", vetoed)),
            vetoed);

    assertThat(s)
        .isEqualTo(new Settlement(GovernanceState.REJECTED, null, Effect.DROP_PENDING_KEY));
  }

  @Test
  void anApprovedChangeCarriesOutWhatItsKindProposes() {
    assertThat(Settlement.effect(GovernanceKind.REGISTER_KEY, GovernanceState.APPROVED))
        .isEqualTo(Effect.ACTIVATE_KEY);
    assertThat(Settlement.effect(GovernanceKind.REVOKE_KEY, GovernanceState.APPROVED))
        .isEqualTo(Effect.REVOKE_KEY);
    assertThat(Settlement.effect(GovernanceKind.POLICY, GovernanceState.APPROVED))
        .isEqualTo(Effect.ACTIVATE_POLICY);
    assertThat(Settlement.effect(GovernanceKind.ADDRESS_BOOK, GovernanceState.APPROVED))
        .isEqualTo(Effect.ACTIVATE_POLICY);
    assertThat(Settlement.effect(GovernanceKind.WALLET_TAGS, GovernanceState.APPROVED))
        .isEqualTo(Effect.RETAG_WALLET);
    assertThat(Settlement.effect(GovernanceKind.FREEZE_LIFT, GovernanceState.APPROVED))
        .isEqualTo(Effect.LIFT_FREEZE);
  }

  @Test
  void aRejectedChangeLeavesEverythingAsItWasExceptARegistrationsPendingKey() {
    assertThat(Settlement.effect(GovernanceKind.REGISTER_KEY, GovernanceState.REJECTED))
        .isEqualTo(Effect.DROP_PENDING_KEY);
    for (GovernanceKind kind :
        List.of(
            GovernanceKind.REVOKE_KEY,
            GovernanceKind.POLICY,
            GovernanceKind.ADDRESS_BOOK,
            GovernanceKind.WALLET_TAGS,
            GovernanceKind.FREEZE_LIFT)) {
      assertThat(Settlement.effect(kind, GovernanceState.REJECTED))
          .as("%s", kind)
          .isEqualTo(Effect.NONE);
    }
  }

  @Test
  void nothingChangesWhileARequestIsPendingOrTimelocked() {
    for (GovernanceKind kind : GovernanceKind.values()) {
      assertThat(Settlement.effect(kind, GovernanceState.PENDING_APPROVAL)).isEqualTo(Effect.NONE);
      assertThat(Settlement.effect(kind, GovernanceState.TIMELOCKED)).isEqualTo(Effect.NONE);
    }
  }

  @Test
  void aPolicyProposalAgainstAPolicyNoLongerActiveIsStaleAndSaysWhy() {
    GovernanceRow proposal = policyChange("aa".repeat(32));

    assertThat(GovernanceDecisions.staleness(proposal, "aa".repeat(32))).isNull();
    assertThat(GovernanceDecisions.staleness(proposal, "bb".repeat(32)))
        .isEqualTo(
            "proposed against policy "
                + "aa".repeat(32)
                + ", but the active policy is now "
                + "bb".repeat(32)
                + "; propose the change again");
  }

  @Test
  void aKeyChangeIsNeverStale() {
    GovernanceRow keyChange =
        row(
            GovernanceKind.REVOKE_KEY,
            new GovernanceRequestView.KeyRef("bob", "bob", "0x" + "11".repeat(20)),
            null);

    assertThat(GovernanceDecisions.staleness(keyChange, "bb".repeat(32))).isNull();
  }

  private static GovernanceRow policyChange(String baseHash) {
    return row(
        GovernanceKind.POLICY,
        null,
        new GovernanceRequestView.PolicyChange("cc".repeat(32), baseHash, "version: 1"));
  }

  private static GovernanceRow row(
      GovernanceKind kind,
      GovernanceRequestView.KeyRef key,
      GovernanceRequestView.PolicyChange change) {
    return new GovernanceRow(
        UUID.randomUUID(),
        kind,
        PROPOSER,
        "heidi",
        key,
        null,
        change,
        null,
        null,
        null,
        GovernanceState.PENDING_APPROVAL,
        "{}",
        T0,
        T0,
        null);
  }
}
