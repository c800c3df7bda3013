package io.custos.policy;

import static io.custos.policy.Intents.STRANGER;
import static io.custos.policy.Intents.USDC;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.TypedData;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceAndDenylistTest {
  static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  static final Address DEAD = Address.parse("0x000000000000000000000000000000000000dEaD");
  static final Wallet TREASURY = Intents.wallet("treasury-1", "treasury");
  final PolicyEngine treasury = new PolicyEngine(Examples.policy("treasury-payouts.yaml"));

  static Usage zeroUsageFor(PolicyEngine engine, TransactionIntent intent, Requester requester) {
    Map<UsageKey, BigInteger> figures = new HashMap<>();
    engine.requiredUsage(intent, requester).forEach(k -> figures.put(k, BigInteger.ZERO));
    return new Usage(figures);
  }

  @Test
  void traceListsEveryRuleInOrderThenLimitsThenApprovals() {
    TransactionIntent intent =
        Intents.call(
            TREASURY, USDC, "0", Intents.erc20Transfer(VENDOR, BigInteger.valueOf(1_000_000)));
    Requester dave = Requester.person("dave");

    Decision decision =
        treasury.evaluate(intent, dave, List.of(), zeroUsageFor(treasury, intent, dave), NOW);

    assertThat(decision.trace().entries())
        .extracting(TraceEntry::step)
        .containsExactly(
            "eth-payout-small", "eth-payout-large", "usdc-payout", "limits", "approvals");
    assertThat(decision.trace().entries())
        .extracting(TraceEntry::outcome)
        .containsExactly(
            TraceEntry.Outcome.NOT_MATCHED,
            TraceEntry.Outcome.NOT_MATCHED,
            TraceEntry.Outcome.MATCHED,
            TraceEntry.Outcome.PASSED,
            TraceEntry.Outcome.PENDING);
    assertThat(decision.trace().entries().get(0).detail())
        .isEqualTo("kind contract_call is not [native_transfer]");
    assertThat(decision.trace().entries().get(3).detail())
        .contains("0 USDC used + 1 USDC = 1 USDC, limit 250000 USDC");
    assertThat(decision.trace().rulesExamined()).isEqualTo(3);
  }

  @Test
  void renderingTheTraceTwiceGivesTheSameText() {
    Decision decision =
        treasury.evaluate(
            Intents.transfer(TREASURY, STRANGER, "1"),
            Requester.person("dave"),
            List.of(),
            Usage.NONE,
            NOW);

    assertThat(decision.trace().toString())
        .isEqualTo(decision.trace().toString())
        .contains("not in [vendors]");
  }

  @Test
  void denylistCatchesErc20Recipients() {
    TransactionIntent intent =
        Intents.call(TREASURY, USDC, "0", Intents.erc20Transfer(DEAD, BigInteger.ONE));

    Decision decision =
        treasury.evaluate(intent, Requester.person("dave"), List.of(), Usage.NONE, NOW);

    assertThat(((Decision.Deny) decision).reasons())
        .containsExactly("address " + DEAD + " is on the denylist");
  }

  @Test
  void denylistCatchesTypedDataVerifyingContracts() {
    Policy policy =
        Policies.parse(
            Policies.HEADER.replace(
                    "  tokens:",
                    "  denylist: [\"0x000000000000000000000000000000000000dEaD\"]\n  tokens:")
                + "rules:\n  - { name: anything, action: allow }\n");
    TransactionIntent permit =
        Intents.typedData(TREASURY, new TypedData(Intents.MAINNET, DEAD, "", "Permit", Map.of()));

    Decision decision =
        new PolicyEngine(policy)
            .evaluate(permit, Requester.person("dave"), List.of(), Usage.NONE, NOW);

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.trace().entries()).extracting(TraceEntry::step).containsExactly("denylist");
  }

  @Test
  void requiredUsageCoversEverythingEvaluateNeeds() {
    Requester bot = Requester.service("staking-bot");
    PolicyEngine staking = new PolicyEngine(Examples.policy("staking-automation.yaml"));
    List<TransactionIntent> intents =
        List.of(
            Intents.transfer(TREASURY, VENDOR, "5"),
            Intents.transfer(TREASURY, VENDOR, "20"),
            Intents.call(TREASURY, USDC, "0", Intents.erc20Transfer(VENDOR, BigInteger.TEN)),
            Intents.call(
                Intents.wallet("staking-hot"),
                Intents.DEPOSIT,
                "32",
                Intents.deposit(Intents.credentials(1, Intents.ORG_WITHDRAWAL))));

    for (PolicyEngine engine : List.of(treasury, staking)) {
      for (TransactionIntent intent : intents) {
        Decision decision =
            engine.evaluate(
                intent,
                bot,
                List.of(Approval.approve("bob", NOW)),
                zeroUsageFor(engine, intent, bot),
                NOW);
        assertThat(decision.trace().toString()).doesNotContain("usage figures were not supplied");
      }
    }
  }
}
