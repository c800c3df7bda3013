package io.custos.policy.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH decision benchmarks and prints decisions per second per case. JMH command-line
 * options given as arguments, or else in the system property {@code bench.jmh} (e.g. {@code -wi 1
 * -i 2}, which is how {@code ./custos bench policy} passes them through Maven), override the
 * annotations.
 */
public final class PolicyBenchmarkMain {
  private PolicyBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args.length > 0 ? args : jmhOptionsFromProperty()))
            .include("io\\.custos\\.policy\\.bench\\.(Decision|Explain)Benchmark")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.println(
        "policy-engine decisions per second (1 thread, 1,000 rules, velocity limits, ERC-20 decoding):");
    for (RunResult result : results) {
      var params = result.getParams();
      var primary = result.getPrimaryResult();
      String rules = params.getParam("rules") == null ? "wallet-scoped" : params.getParam("rules");
      System.out.printf(
          "  %-18s rules=%-13s match=%-5s %,12.0f ops/s  (± %,.0f)%n",
          params.getBenchmark().replaceAll(".*\\.", ""),
          rules,
          params.getParam("match"),
          primary.getScore(),
          primary.getScoreError());
    }
  }

  private static String[] jmhOptionsFromProperty() {
    String options = System.getProperty("bench.jmh", "").strip();
    return options.isEmpty() ? new String[0] : options.split("\\s+");
  }
}
