package io.custos.policy;

import static io.custos.policy.Intents.DEPOSIT;
import static io.custos.policy.Intents.ORG_WITHDRAWAL;
import static io.custos.policy.Intents.STRANGER;
import static io.custos.policy.Intents.USDC;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Scope;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each policy in docs/policy-examples, parsed and evaluated against the scenarios it documents. */
class ExamplePoliciesTest {
  // Wednesday 25 November 2026, 10:00 in Zurich (CET, UTC+1).
  static final Instant WEDNESDAY_10_ZURICH = Instant.parse("2026-11-25T09:00:00Z");
  static final Duration DAY = Duration.ofHours(24);

  @Nested
  class TreasuryPayouts {
    final PolicyEngine engine = new PolicyEngine(Examples.policy("treasury-payouts.yaml"));
    final Wallet treasury = Intents.wallet("treasury-1", "treasury");
    final Requester dave = Requester.person("dave");
    final Instant now = WEDNESDAY_10_ZURICH;

    Usage ethUsed(String ether) {
      return new Usage(Map.of(walletKey(Asset.NATIVE), Wei.ofEther(ether).value()));
    }

    UsageKey walletKey(Asset asset) {
      return new UsageKey(DAY, Scope.WALLET, "treasury-1", new Measure.AmountOf(asset));
    }

    Approval approve(String who) {
      return Approval.approve(who, now.minusSeconds(60));
    }

    @Test
    void smallPayoutNeedsOneTreasuryOfficer() {
      TransactionIntent intent = Intents.transfer(treasury, VENDOR, "5");
      Decision pending = engine.evaluate(intent, dave, List.of(), ethUsed("0"), now);
      Decision approved = engine.evaluate(intent, dave, List.of(approve("bob")), ethUsed("0"), now);

      assertThat(pending).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(((Decision.NeedsApproval) pending).missing())
          .containsExactly(new Decision.MissingApproval("treasury", 1, 0));
      assertThat(approved).isInstanceOf(Decision.Allow.class);
      assertThat(approved.rule()).isEqualTo("eth-payout-small");
      assertThat(approved.policyHash()).isEqualTo(engine.policy().hash());
    }

    @Test
    void requesterCannotApproveTheirOwnPayout() {
      TransactionIntent intent = Intents.transfer(treasury, VENDOR, "5");
      Decision decision =
          engine.evaluate(
              intent, Requester.person("alice"), List.of(approve("alice")), ethUsed("0"), now);

      assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(decision.trace().toString()).contains("alice (requester)");
    }

    @Test
    void payoutAboveTenEtherNeedsTwoOfThreeTreasuryOfficers() {
      TransactionIntent intent = Intents.transfer(treasury, VENDOR, "20");
      Decision one = engine.evaluate(intent, dave, List.of(approve("bob")), ethUsed("0"), now);
      Decision two =
          engine.evaluate(
              intent, dave, List.of(approve("bob"), approve("carol")), ethUsed("0"), now);

      assertThat(one.rule()).isEqualTo("eth-payout-large");
      assertThat(((Decision.NeedsApproval) one).missing())
          .containsExactly(new Decision.MissingApproval("treasury", 2, 1));
      assertThat(two).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void deniesPayoutThatWouldExceedFiftyEtherPerWalletPerDay() {
      TransactionIntent intent = Intents.transfer(treasury, VENDOR, "20");
      Decision decision =
          engine.evaluate(
              intent, dave, List.of(approve("bob"), approve("carol")), ethUsed("40"), now);

      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(((Decision.Deny) decision).reasons().get(0)).contains("50 ETH in 24 hours");
    }

    @Test
    void asksForTheWalletsDailyEtherUsage() {
      TransactionIntent intent = Intents.transfer(treasury, VENDOR, "5");

      assertThat(engine.requiredUsage(intent, dave)).containsExactly(walletKey(Asset.NATIVE));
    }

    @Test
    void deniesPayoutToAnAddressOutsideTheVendorList() {
      Decision decision =
          engine.evaluate(
              Intents.transfer(treasury, STRANGER, "1"), dave, List.of(), ethUsed("0"), now);

      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(((Decision.Deny) decision).reasons()).containsExactly("no rule matched");
      assertThat(decision.trace().entries()).hasSize(4);
      assertThat(decision.trace().entries().get(0).detail()).contains("is not in [vendors]");
    }

    @Test
    void deniesAnythingSentToTheDenylist() {
      Address dead = Address.parse("0x000000000000000000000000000000000000dEaD");
      Decision decision =
          engine.evaluate(
              Intents.transfer(treasury, dead, "1"), dave, List.of(), ethUsed("0"), now);

      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(decision.trace().entries().get(0).step()).isEqualTo("denylist");
    }

    @Test
    void usdcPayoutIsDecodedAndCountedAgainstTheDailyTokenLimit() {
      BigInteger fiftyThousand = BigInteger.valueOf(50_000_000_000L);
      TransactionIntent intent =
          Intents.call(treasury, USDC, "0", Intents.erc20Transfer(VENDOR, fiftyThousand));
      Asset usdc = engine.policy().addressBook().tokens().get("USDC");
      Usage fresh = new Usage(Map.of(walletKey(usdc), BigInteger.ZERO));
      Usage nearlySpent = new Usage(Map.of(walletKey(usdc), BigInteger.valueOf(240_000_000_000L)));

      assertThat(engine.evaluate(intent, dave, List.of(approve("bob")), fresh, now))
          .isInstanceOf(Decision.Allow.class);
      assertThat(engine.evaluate(intent, dave, List.of(approve("bob")), nearlySpent, now))
          .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void deniesUsdcPayoutAboveTheDecodedPerTransferMaximum() {
      TransactionIntent intent =
          Intents.call(
              treasury,
              USDC,
              "0",
              Intents.erc20Transfer(VENDOR, BigInteger.valueOf(150_000_000_000L)));

      Decision decision = engine.evaluate(intent, dave, List.of(), Usage.NONE, now);

      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(decision.trace().toString())
          .contains("amount 150000 USDC is not in [0 USDC, 100000 USDC]");
    }

    @Test
    void deniesUsdcApprovals() {
      TransactionIntent intent =
          Intents.call(treasury, USDC, "0", Intents.erc20Approve(STRANGER, BigInteger.TEN));

      Decision decision = engine.evaluate(intent, dave, List.of(), Usage.NONE, now);

      assertThat(decision.rule()).isEqualTo("no-token-approvals");
      assertThat(decision).isInstanceOf(Decision.Deny.class);
    }
  }

  @Nested
  class StakingAutomation {
    final PolicyEngine engine = new PolicyEngine(Examples.policy("staking-automation.yaml"));
    final Wallet staking = Intents.wallet("staking-hot");
    final Requester bot = Requester.service("staking-bot");
    final Instant now = WEDNESDAY_10_ZURICH;
    final UsageKey depositsToday =
        new UsageKey(DAY, Scope.RULE, "auto-deposit", new Measure.Count());

    Decision deposit(String ether, byte[] credentials, Requester requester, long depositsSoFar) {
      HexData data = Intents.deposit(credentials);
      Usage usage = new Usage(Map.of(depositsToday, BigInteger.valueOf(depositsSoFar)));
      return engine.evaluate(
          Intents.call(staking, DEPOSIT, ether, data), requester, List.of(), usage, now);
    }

    @Test
    void botDepositsWithTheOrganizationsCredentialsAutomatically() {
      Decision decision = deposit("32", Intents.credentials(1, ORG_WITHDRAWAL), bot, 3);

      assertThat(decision).isInstanceOf(Decision.Allow.class);
      assertThat(decision.rule()).isEqualTo("auto-deposit");
      assertThat(((Decision.Allow) decision).notBefore()).isEqualTo(now);
    }

    @Test
    void depositPayingOutToAnotherAddressNeedsTwoAdmins() {
      Decision decision = deposit("32", Intents.credentials(1, STRANGER), bot, 0);

      assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(decision.rule()).isEqualTo("everything-else");
      assertThat(decision.trace().entries().get(0).detail()).contains("withdrawal_credentials");
    }

    @Test
    void depositWithBlsCredentialsNeedsTwoAdmins() {
      assertThat(deposit("32", Intents.credentials(0, ORG_WITHDRAWAL), bot, 0).rule())
          .isEqualTo("everything-else");
    }

    @Test
    void depositOfAnAmountThatIsNotAMultipleOf32EtherNeedsTwoAdmins() {
      assertThat(deposit("16", Intents.credentials(1, ORG_WITHDRAWAL), bot, 0).rule())
          .isEqualTo("everything-else");
      assertThat(deposit("64", Intents.credentials(1, ORG_WITHDRAWAL), bot, 0).rule())
          .isEqualTo("auto-deposit");
    }

    @Test
    void depositRequestedByAPersonNeedsTwoAdmins() {
      assertThat(
              deposit(
                      "32",
                      Intents.credentials(1, ORG_WITHDRAWAL),
                      Requester.person("staking-bot"),
                      0)
                  .rule())
          .isEqualTo("everything-else");
    }

    @Test
    void eleventhDepositInADayEscalatesToTwoAdmins() {
      Decision decision = deposit("32", Intents.credentials(1, ORG_WITHDRAWAL), bot, 10);

      assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(decision.rule()).isEqualTo("auto-deposit");
      assertThat(((Decision.NeedsApproval) decision).missing())
          .containsExactly(new Decision.MissingApproval("admins", 2, 0));
    }

    @Test
    void anyOtherTransferNeedsTwoAdmins() {
      Decision decision =
          engine.evaluate(
              Intents.transfer(staking, STRANGER, "1"),
              bot,
              List.of(Approval.approve("alice", now), Approval.approve("bob", now)),
              Usage.NONE,
              now);

      assertThat(decision).isInstanceOf(Decision.Allow.class);
      assertThat(decision.rule()).isEqualTo("everything-else");
    }
  }

  @Nested
  class CorporateCustody {
    final Policy policy = Examples.policy("corporate-custody.yaml");
    final PolicyEngine engine = new PolicyEngine(policy);
    final Wallet vault = Intents.wallet("vault");
    final Requester requester = Requester.person("rita", "treasury");
    final Instant now = WEDNESDAY_10_ZURICH;
    final List<Approval> quorum =
        List.of(
            Approval.approve("tom", now.minusSeconds(300), "treasury"),
            Approval.approve("tina", now.minusSeconds(200), "treasury"),
            Approval.approve("cole", now.minusSeconds(100), "compliance"));

    @Test
    void transferUpTo100EtherIsReleasedOnceTwoTreasuryAndOneComplianceApprove() {
      Decision decision =
          engine.evaluate(
              Intents.transfer(vault, STRANGER, "50"), requester, quorum, Usage.NONE, now);

      assertThat(decision).isInstanceOf(Decision.Allow.class);
      assertThat(((Decision.Allow) decision).notBefore()).isEqualTo(now);
    }

    @Test
    void transferAbove100EtherWaits24HoursAfterTheLastApproval() {
      Decision decision =
          engine.evaluate(
              Intents.transfer(vault, STRANGER, "150"), requester, quorum, Usage.NONE, now);

      assertThat(decision).isInstanceOf(Decision.Allow.class);
      assertThat(((Decision.Allow) decision).notBefore())
          .isEqualTo(now.minusSeconds(100).plus(DAY));
      assertThat(decision.trace().toString()).contains("timelocked until");
    }

    @Test
    void deniesOutsideOfficeHours() {
      Instant saturday = Instant.parse("2026-11-28T09:00:00Z");
      Instant evening = Instant.parse("2026-11-25T17:30:00Z");

      for (Instant at : List.of(saturday, evening)) {
        Decision decision =
            engine.evaluate(
                Intents.transfer(vault, STRANGER, "1"), requester, quorum, Usage.NONE, at);
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        assertThat(decision.trace().entries().get(0).detail()).contains("is outside");
      }
    }

    @Test
    void personInBothGroupsCountsOnlyOnce() {
      List<Approval> approvals =
          List.of(
              Approval.approve("tom", now, "treasury"),
              Approval.approve("max", now, "treasury", "compliance"));

      Decision decision =
          engine.evaluate(
              Intents.transfer(vault, STRANGER, "1"), requester, approvals, Usage.NONE, now);

      assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(((Decision.NeedsApproval) decision).missing()).hasSize(1);
    }

    @Test
    void complianceRejectionVetoes() {
      List<Approval> approvals =
          List.of(
              Approval.approve("tom", now, "treasury"),
              Approval.approve("tina", now, "treasury"),
              Approval.reject("cole", now, "compliance"));

      Decision decision =
          engine.evaluate(
              Intents.transfer(vault, STRANGER, "1"), requester, approvals, Usage.NONE, now);

      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(((Decision.Deny) decision).reasons()).containsExactly("vetoed by cole");
    }

    @Test
    void policyChangeNeedsThreeOfFiveAdmins() throws PolicyParseException {
      Policy candidate =
          PolicyParser.parse(
              Examples.text("corporate-custody.yaml").replace("timelock: 24h", "timelock: 48h"));
      List<Approval> two = List.of(Approval.approve("ada", now), Approval.approve("ben", now));
      List<Approval> three =
          List.of(
              Approval.approve("ada", now),
              Approval.approve("ben", now),
              Approval.approve("cy", now));

      Decision pending = engine.evaluateChange(candidate, Requester.person("eli"), two, now);
      Decision allowed = engine.evaluateChange(candidate, Requester.person("eli"), three, now);

      assertThat(pending.rule()).isEqualTo("governance.policy_changes");
      assertThat(((Decision.NeedsApproval) pending).missing())
          .containsExactly(new Decision.MissingApproval("admins", 3, 2));
      assertThat(allowed).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void addressBookChangeNeedsTwoAdminsAndComplianceOnly() throws PolicyParseException {
      Policy candidate =
          PolicyParser.parse(
              Examples.text("corporate-custody.yaml")
                  .replace(
                      "    - 0x7F367cC41522cE07553e823bf3be79A889DEbe1B",
                      "    - 0x7F367cC41522cE07553e823bf3be79A889DEbe1B\n    - "
                          + STRANGER.lowerHex()));
      List<Approval> approvals =
          List.of(
              Approval.approve("ada", now),
              Approval.approve("ben", now),
              Approval.approve("cole", now, "compliance"));

      Decision decision = engine.evaluateChange(candidate, Requester.person("eli"), approvals, now);

      assertThat(decision.rule()).isEqualTo("governance.address_book_changes");
      assertThat(decision).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void anApproverKeyChangeNeedsThePolicyChangeQuorumAndTheProposerDoesNotCount() {
      List<Approval> withProposer =
          List.of(
              Approval.approve("eli", now),
              Approval.approve("ada", now),
              Approval.approve("ben", now));
      List<Approval> three =
          List.of(
              Approval.approve("ada", now),
              Approval.approve("ben", now),
              Approval.approve("cy", now));

      Decision pending = engine.evaluateKeyChange(Requester.person("eli"), withProposer, now);
      Decision allowed = engine.evaluateKeyChange(Requester.person("eli"), three, now);

      assertThat(pending.rule()).isEqualTo("governance.approver_keys");
      assertThat(((Decision.NeedsApproval) pending).missing())
          .containsExactly(new Decision.MissingApproval("admins", 3, 2));
      assertThat(allowed).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void liftingAFreezeNeedsThePolicyChangeQuorumAndTheProposerDoesNotCount() {
      List<Approval> withProposer =
          List.of(
              Approval.approve("eli", now),
              Approval.approve("ada", now),
              Approval.approve("ben", now));
      List<Approval> three =
          List.of(
              Approval.approve("ada", now),
              Approval.approve("ben", now),
              Approval.approve("cy", now));

      Decision pending = engine.evaluateFreezeLift(Requester.person("eli"), withProposer, now);
      Decision allowed = engine.evaluateFreezeLift(Requester.person("eli"), three, now);

      assertThat(pending.rule()).isEqualTo("governance.freeze_lift");
      assertThat(((Decision.NeedsApproval) pending).missing())
          .containsExactly(new Decision.MissingApproval("admins", 3, 2));
      assertThat(allowed).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aWalletTagChangeNeedsTheAddressBookQuorumAndTheProposerDoesNotCount() {
      List<Approval> admins =
          List.of(
              Approval.approve("eli", now),
              Approval.approve("ada", now),
              Approval.approve("ben", now));
      List<Approval> quorum =
          List.of(
              Approval.approve("ada", now),
              Approval.approve("ben", now),
              Approval.approve("cole", now, "compliance"));

      Decision pending = engine.evaluateWalletTagsChange(Requester.person("eli"), admins, now);
      Decision allowed = engine.evaluateWalletTagsChange(Requester.person("eli"), quorum, now);

      assertThat(pending.rule()).isEqualTo("governance.wallet_tags");
      assertThat(pending).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(allowed).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void approvalsAreRecountedAgainstANamedRuleAlone() {
      List<Approval> two = List.of(Approval.approve("tom", now, "treasury"));
      List<Approval> three =
          List.of(
              Approval.approve("tom", now, "treasury"),
              Approval.approve("tina", now, "treasury"),
              Approval.approve("cole", now, "compliance"));

      Decision short1 = engine.recountApprovals("custody-up-to-100-eth", requester, two, now);
      Decision met = engine.recountApprovals("custody-up-to-100-eth", requester, three, now);

      assertThat(short1).isInstanceOf(Decision.NeedsApproval.class);
      assertThat(met).isInstanceOf(Decision.Allow.class);
      assertThatThrownBy(() -> engine.recountApprovals("nope", requester, three, now))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
