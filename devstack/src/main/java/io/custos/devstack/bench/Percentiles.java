package io.custos.devstack.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * p50, p95, p99 and max of a list of latencies in milliseconds (nearest rank).
 *
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max the slowest
 */
record Percentiles(double p50, double p95, double p99, double max) {

  static <T> Percentiles of(List<T> samples, ToDoubleFunction<T> latencyMs) {
    double[] sorted = samples.stream().mapToDouble(latencyMs).sorted().toArray();
    return new Percentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), rank(sorted, 100));
  }

  private static double rank(double[] sorted, double percent) {
    int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%8.1f %8.1f %8.1f %8.1f", p50, p95, p99, max);
  }

  static String header() {
    return String.format(Locale.ROOT, "%8s %8s %8s %8s", "p50", "p95", "p99", "max");
  }
}
