package io.custos.policy.bench;

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
 * Decisions per second when the explanation is also rendered to text (every rule looked at, with
 * its reason), as the audit log records it. Same policy and intents as {@link DecisionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class ExplainBenchmark {
  @Param({"early", "late"})
  public String match;

  private final DecisionBenchmark decisions = new DecisionBenchmark();

  @Setup(Level.Trial)
  public void setUp() {
    decisions.match = match;
    decisions.rules = "wallet-scoped";
    decisions.setUp();
  }

  @Benchmark
  public String decideAndExplain() {
    return decisions.decide().trace().toString();
  }
}
