package io.custos.policy;

import static io.custos.policy.Intents.USDC;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Scope;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Asset;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimitsTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Wallet HOT = Intents.wallet("hot-1");
  static final Requester PAT = Requester.person("pat");
  static final Duration DAY = Duration.ofHours(24);

  static Decision evaluate(String limits, TransactionIntent intent, Usage usage) {
    Policy policy = Policies.oneRule("{ chains: [1] }", "limits: " + limits + "\naction: allow");
    return new PolicyEngine(policy).evaluate(intent, PAT, List.of(), usage, NOW);
  }

  static UsageKey key(Duration window, Scope scope, String subject, Measure measure) {
    return new UsageKey(window, scope, subject, measure);
  }

  static Measure eth() {
    return new Measure.AmountOf(Asset.NATIVE);
  }

  static Usage usage(UsageKey key, BigInteger value) {
    return new Usage(Map.of(key, value));
  }

  static Stream<Arguments> table() {
    TransactionIntent fiveEth = Intents.transfer(HOT, VENDOR, "5");
    Asset.Token usdc = new Asset.Token("USDC", USDC, 6);
    TransactionIntent usdc600 =
        Intents.call(
            HOT, USDC, "0", Intents.erc20Transfer(VENDOR, BigInteger.valueOf(600_000_000L)));
    UsageKey walletEth = key(DAY, Scope.WALLET, "hot-1", eth());
    UsageKey destEth = key(Duration.ofHours(1), Scope.DESTINATION, VENDOR.lowerHex(), eth());
    UsageKey requesterCount = key(Duration.ofDays(7), Scope.REQUESTER, "pat", new Measure.Count());
    UsageKey ruleCount = key(DAY, Scope.RULE, "rule", new Measure.Count());
    UsageKey tokenDest = key(DAY, Scope.DESTINATION, VENDOR.lowerHex(), new Measure.AmountOf(usdc));
    return Stream.of(
        Arguments.of(
            "perTransactionWithin", "[{ per_transaction: 5 ETH }]", fiveEth, Usage.NONE, true),
        Arguments.of(
            "perTransactionExceeded",
            "[{ per_transaction: 4.99 ETH }]",
            fiveEth,
            Usage.NONE,
            false),
        Arguments.of(
            "perTransactionTokenWithin",
            "[{ per_transaction: 600 USDC }]",
            usdc600,
            Usage.NONE,
            true),
        Arguments.of(
            "perTransactionTokenExceeded",
            "[{ per_transaction: 599 USDC }]",
            usdc600,
            Usage.NONE,
            false),
        Arguments.of(
            "walletWindowWithin",
            "[{ window: 24h, per: wallet, max: 50 ETH }]",
            fiveEth,
            usage(walletEth, Wei.ofEther("45").value()),
            true),
        Arguments.of(
            "walletWindowExceeded",
            "[{ window: 24h, per: wallet, max: 50 ETH }]",
            fiveEth,
            usage(walletEth, Wei.ofEther("45.1").value()),
            false),
        Arguments.of(
            "destinationWindowExceeded",
            "[{ window: 1h, per: destination, max: 1 ETH }]",
            fiveEth,
            usage(destEth, BigInteger.ZERO),
            false),
        Arguments.of(
            "requesterCountWithin",
            "[{ window: 7d, per: requester, max_count: 3 }]",
            fiveEth,
            usage(requesterCount, BigInteger.TWO),
            true),
        Arguments.of(
            "requesterCountExceeded",
            "[{ window: 7d, per: requester, max_count: 3 }]",
            fiveEth,
            usage(requesterCount, BigInteger.valueOf(3)),
            false),
        Arguments.of(
            "ruleCountExceeded",
            "[{ window: 24h, per: rule, max_count: 10 }]",
            fiveEth,
            usage(ruleCount, BigInteger.TEN),
            false),
        Arguments.of(
            "tokenWindowPerRecipientExceeded",
            "[{ window: 24h, per: destination, max: 1000 USDC }]",
            usdc600,
            usage(tokenDest, BigInteger.valueOf(400_000_001L)),
            false),
        Arguments.of(
            "tokenLimitIgnoresEther",
            "[{ window: 24h, per: wallet, max: 1 USDC }]",
            fiveEth,
            usage(
                key(DAY, Scope.WALLET, "hot-1", new Measure.AmountOf(usdc)), BigInteger.TEN.pow(9)),
            true),
        Arguments.of(
            "missingUsageFigureDenies",
            "[{ window: 24h, per: wallet, max: 50 ETH }]",
            fiveEth,
            Usage.NONE,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void limitsAllowUpToTheirMaximumAndDenyBeyond(
      String name, String limits, TransactionIntent intent, Usage usage, boolean allowed) {
    Decision decision = evaluate(limits, intent, usage);

    assertThat(decision).isInstanceOf(allowed ? Decision.Allow.class : Decision.Deny.class);
    assertThat(decision.rule()).isEqualTo("rule");
  }

  @Test
  void exceedingALimitCanEscalateToAStricterRequirement() {
    Policy policy =
        Policies.oneRule(
            "{ chains: [1] }",
            """
            limits: [{ per_transaction: 1 ETH }]
            on_limit_exceeded:
              action: require
              approvals: { quorum: { group: treasury, count: 2 } }
            action: allow""");

    Decision decision =
        new PolicyEngine(policy)
            .evaluate(Intents.transfer(HOT, VENDOR, "2"), PAT, List.of(), Usage.NONE, NOW);

    assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(((Decision.NeedsApproval) decision).missing())
        .containsExactly(new Decision.MissingApproval("treasury", 2, 0));
    assertThat(decision.trace().toString()).contains("limits: FAILED");
  }

  @Test
  void requiredUsageListsEveryWindowWithItsSubject() {
    Policy policy =
        Policies.oneRule(
            "{ chains: [1] }",
            """
            limits:
              - { window: 24h, per: wallet, max: 50 ETH }
              - { window: 1h, per: destination, max_count: 2 }
              - { window: 7d, per: requester, max: 1000 USDC }
              - { per_transaction: 10 ETH }
            action: allow""");

    List<UsageKey> keys =
        new PolicyEngine(policy).requiredUsage(Intents.transfer(HOT, VENDOR, "1"), PAT);

    assertThat(keys)
        .containsExactly(
            key(DAY, Scope.WALLET, "hot-1", eth()),
            key(Duration.ofHours(1), Scope.DESTINATION, VENDOR.lowerHex(), new Measure.Count()),
            key(
                Duration.ofDays(7),
                Scope.REQUESTER,
                "pat",
                new Measure.AmountOf(new Asset.Token("USDC", USDC, 6))));
  }

  @Test
  void requiredUsageLooksPastTimeDependentRulesButStopsAtTheFirstCertainMatch() {
    Policy policy =
        Policies.parse(
            Policies.HEADER
                + """
                rules:
                  - name: office
                    match: { time: { hours: "09:00-17:00", zone: UTC } }
                    limits: [{ window: 24h, per: wallet, max_count: 5 }]
                    action: allow
                  - name: always
                    limits: [{ window: 1h, per: wallet, max_count: 1 }]
                    action: allow
                  - name: never-reached
                    limits: [{ window: 7d, per: wallet, max_count: 1 }]
                    action: allow
                """);

    List<UsageKey> keys =
        new PolicyEngine(policy).requiredUsage(Intents.transfer(HOT, VENDOR, "1"), PAT);

    assertThat(keys)
        .containsExactly(
            key(DAY, Scope.WALLET, "hot-1", new Measure.Count()),
            key(Duration.ofHours(1), Scope.WALLET, "hot-1", new Measure.Count()));
  }
}
