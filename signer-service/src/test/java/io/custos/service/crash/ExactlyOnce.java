package io.custos.service.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.service.support.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** The end state every crash and outage test must reach: each nonce used once, all mined. */
final class ExactlyOnce {

  private ExactlyOnce() {}

  static void awaitConfirmed(Ledger ledger, String address, int count, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(ledger.rows(address))
                    .as(count + " transactions of " + address + " CONFIRMED")
                    .hasSize(count)
                    .allMatch(r -> r.state().equals("CONFIRMED")));
  }

  /**
   * Nonces 0..count-1, each recorded once and mined once with success, the chain's count equal to
   * the requests', and one signed, one broadcast and one confirmed audit entry per transaction.
   */
  static void assertEachNonceOnceAndMined(Ledger ledger, String address, int count) {
    List<Ledger.Row> rows = ledger.rows(address);
    assertThat(rows).extracting(Ledger.Row::state).hasSize(count).containsOnly("CONFIRMED");
    assertThat(rows)
        .extracting(Ledger.Row::nonce)
        .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
    assertThat(ledger.minedCount(address)).as("the account's nonce on chain").isEqualTo(count);
    for (Ledger.Row row : rows) {
      assertThat(ledger.receiptStatus(row.hash())).as("receipt of " + row).isEqualTo("0x1");
      assertThat(ledger.auditEntriesOf(row.hash()))
          .as("audit entries of " + row)
          .isEqualTo(
              Map.of(
                  "transaction.signed", 1L,
                  "transaction.broadcast", 1L,
                  "transaction.confirmed", 1L));
    }
  }
}
