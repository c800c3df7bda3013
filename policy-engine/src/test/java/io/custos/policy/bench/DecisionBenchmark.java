package io.custos.policy.bench;

import io.custos.policy.Decision;
import io.custos.policy.PolicyEngine;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second on one thread for a 1,000-rule policy with velocity limits and ERC-20
 * decoding, for USDC transfers that match the first rule, the last USDC rule, and no rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
public class DecisionBenchmark {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Param({"early", "late", "none"})
  public String match;

  /** {@code wallet-scoped}: each rule names its team's wallets; {@code unscoped}: no rule does. */
  @Param({"wallet-scoped", "unscoped"})
  public String rules;

  PolicyEngine engine;
  TransactionIntent intent;
  Requester requester;
  List<Approval> approvals;
  Usage usage;

  @Setup(Level.Trial)
  public void setUp() {
    engine = new PolicyEngine(BenchmarkPolicy.parse("wallet-scoped".equals(rules)));
    // "none": the wallet of the last USDC rule's team, paying an address on no vendor list.
    int team = "early".equals(match) ? 0 : BenchmarkPolicy.RULES - 2;
    int payee = "none".equals(match) ? BenchmarkPolicy.RULES + 7 : team;
    Wallet wallet =
        new Wallet(
            "w-" + team,
            "w",
            Set.of("team-" + team, "payouts"),
            Address.parse("0x9999999999999999999999999999999999999999"));
    HexData data =
        transfer(Address.parse(BenchmarkPolicy.vendor(payee)), BigInteger.valueOf(5_000_000_000L));
    intent =
        new TransactionIntent(
            ChainId.of(1),
            wallet,
            new Payload.ContractCall(Address.parse(BenchmarkPolicy.USDC), Wei.ZERO, data),
            FeeCaps.NONE);
    requester = Requester.person("dave");
    approvals = List.of(Approval.approve("bob", NOW.minusSeconds(60), "treasury"));
    Map<UsageKey, BigInteger> figures = new HashMap<>();
    for (UsageKey key : engine.requiredUsage(intent, requester)) {
      figures.put(key, BigInteger.ONE);
    }
    usage = new Usage(figures);
    Decision check = decide();
    String expected = "none".equals(match) ? "" : "team-" + team + "-usdc";
    if (!check.rule().equals(expected)) {
      throw new IllegalStateException(
          "benchmark intent decided by '" + check.rule() + "', expected '" + expected + "'");
    }
  }

  static HexData transfer(Address to, BigInteger amount) {
    String hex =
        "0xa9059cbb" + "0".repeat(24) + to.lowerHex().substring(2) + String.format("%064x", amount);
    return HexData.parse(hex);
  }

  /** The decision, as the service makes it. */
  @Benchmark
  public Decision decide() {
    return engine.evaluate(intent, requester, approvals, usage, NOW);
  }
}
