package io.custos.policy;

import static io.custos.policy.Intents.STRANGER;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationAndGovernanceTest {
  static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  static final Wallet TREASURY = Intents.wallet("treasury-1", "treasury");
  static final Requester DAVE = Requester.person("dave");

  static Simulation.Case payout(String id, String ether, Approval... approvals) {
    return new Simulation.Case(
        id, Intents.transfer(TREASURY, VENDOR, ether), DAVE, List.of(approvals), Usage.NONE, NOW);
  }

  @Test
  void simulationReportsWhatACandidatePolicyWouldChange() {
    Policy current =
        Policies.parse(
            Policies.HEADER
                + """
                rules:
                  - name: payouts
                    match: { to: { in: [vendors] } }
                    action: require
                    approvals: { quorum: { group: treasury, count: 1 } }
                """);
    Policy candidate =
        Policies.parse(
            Policies.HEADER
                + """
                rules:
                  - name: payouts
                    match: { to: { in: [vendors] }, value: { max: 10 ETH } }
                    action: require
                    approvals: { quorum: { group: treasury, count: 1 } }
                """);
    Approval bob = Approval.approve("bob", NOW, "treasury");
    List<Simulation.Case> batch =
        List.of(payout("small", "5", bob), payout("large", "50", bob), payout("pending", "1"));

    Simulation.Report report = Simulation.run(batch, current, candidate);

    assertThat(report.changes()).extracting(Simulation.Comparison::id).containsExactly("large");
    assertThat(report.summary())
        .containsEntry("ALLOW -> ALLOW", 1)
        .containsEntry("ALLOW -> DENY", 1)
        .containsEntry("NEEDS_APPROVAL -> NEEDS_APPROVAL", 1);
    assertThat(report.comparisons().get(1).transition()).isEqualTo("ALLOW -> DENY");
    assertThat(report.candidateHash()).isEqualTo(candidate.hash());
  }

  @Test
  void policyWithoutGovernanceCannotBeChanged() {
    Policy current =
        Policies.parse("version: 1\nname: t\nrules:\n  - { name: a, action: allow }\n");
    Policy candidate =
        Policies.parse("version: 1\nname: t\nrules:\n  - { name: a, action: deny }\n");

    Decision decision =
        new PolicyEngine(current)
            .evaluateChange(candidate, DAVE, List.of(Approval.approve("x", NOW)), NOW);

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(((Decision.Deny) decision).reasons())
        .containsExactly("the policy names no approvers for policy changes");
  }

  @Test
  void changeRequestThatChangesNothingIsDenied() {
    Policy current = Examples.policy("treasury-payouts.yaml");

    Decision decision = new PolicyEngine(current).evaluateChange(current, DAVE, List.of(), NOW);

    assertThat(((Decision.Deny) decision).reasons()).containsExactly("nothing to change");
  }

  @Test
  void proposerOfAPolicyChangeDoesNotCountAsApprover() throws PolicyParseException {
    Policy current = Examples.policy("treasury-payouts.yaml");
    Policy candidate =
        PolicyParser.parse(
            Examples.text("treasury-payouts.yaml").replace("max: 50 ETH", "max: 60 ETH"));
    List<Approval> approvals =
        List.of(Approval.approve("alice", NOW), Approval.approve("erin", NOW));

    Decision byAlice =
        new PolicyEngine(current)
            .evaluateChange(candidate, Requester.person("alice"), approvals, NOW);
    Decision byDave = new PolicyEngine(current).evaluateChange(candidate, DAVE, approvals, NOW);

    assertThat(byAlice).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(byDave).isInstanceOf(Decision.Allow.class);
    assertThat(byDave.policyHash()).isEqualTo(current.hash());
  }

  @Test
  void addressBookChangeUsesTheAddressBookQuorum() throws PolicyParseException {
    Policy current = Examples.policy("treasury-payouts.yaml");
    Policy candidate =
        PolicyParser.parse(
            Examples.text("treasury-payouts.yaml")
                .replace("# Initech payroll", "# Initech payroll\n      - " + STRANGER.lowerHex()));

    Decision decision =
        new PolicyEngine(current)
            .evaluateChange(
                candidate,
                DAVE,
                List.of(Approval.approve("erin", NOW), Approval.approve("bob", NOW)),
                NOW);

    assertThat(decision.rule()).isEqualTo("governance.address_book_changes");
    assertThat(decision).isInstanceOf(Decision.Allow.class);
    assertThat(decision.trace().entries().get(0).detail())
        .contains("only the address book changes");
  }
}
