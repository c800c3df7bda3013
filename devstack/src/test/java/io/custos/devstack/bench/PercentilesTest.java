package io.custos.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfAHundredLatenciesIsTheValueAtThatRank() {
    List<Double> oneToHundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

    Percentiles p = Percentiles.of(oneToHundred, Double::doubleValue);

    assertThat(p).isEqualTo(new Percentiles(50, 95, 99, 100));
  }

  @Test
  void aSingleLatencyIsEveryPercentile() {
    Percentiles p = Percentiles.of(List.of(7.5), Double::doubleValue);

    assertThat(p).isEqualTo(new Percentiles(7.5, 7.5, 7.5, 7.5));
  }

  @Test
  void orderOfTheSamplesDoesNotMatter() {
    Percentiles p = Percentiles.of(List.of(30.0, 10.0, 20.0), Double::doubleValue);

    assertThat(p.p50()).isEqualTo(20.0);
    assertThat(p.max()).isEqualTo(30.0);
  }

  @Test
  void sampleLatenciesKeepSubMillisecondPrecision() {
    Instant submitted = Instant.parse("2026-11-25T15:00:00.000100Z");
    Sample s =
        new Sample(
            UUID.randomUUID(),
            submitted,
            submitted.plusNanos(2_500_000),
            Instant.parse("2026-11-25T15:00:00.001350Z"),
            Instant.parse("2026-11-25T15:00:00.004100Z"));

    assertThat(s.answerMs()).isEqualTo(2.5);
    assertThat(s.submitToSignedMs()).isEqualTo(1.25);
    assertThat(s.submitToBroadcastMs()).isEqualTo(4.0);
  }
}
