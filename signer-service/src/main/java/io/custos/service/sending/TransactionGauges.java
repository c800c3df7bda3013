package io.custos.service.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refreshes the sending gauges from the database, so every instance reports the same figures. Open
 * states are counted at every tick through their partial index; the settled states (a count over
 * the whole history) at most once per {@link #SETTLED_COUNT_EVERY}, and in between this instance
 * adds what it settles itself ({@link SendingMetrics#settled}).
 */
@ApplicationScoped
class TransactionGauges {

  private static final Duration SETTLED_COUNT_EVERY = Duration.ofMinutes(1);

  private final TransactionRepository transactions;
  private final NonceCursors cursors;
  private final SendingMetrics metrics;
  private final Clock clock;
  // Only the follower's tick refreshes, and ticks never overlap.
  private volatile Instant settledCountedAt;

  TransactionGauges(
      TransactionRepository transactions,
      NonceCursors cursors,
      SendingMetrics metrics,
      Clock clock) {
    this.transactions = transactions;
    this.cursors = cursors;
    this.metrics = metrics;
    this.clock = clock;
  }

  void refresh() {
    Instant now = clock.instant();
    boolean all =
        settledCountedAt == null || !now.isBefore(settledCountedAt.plus(SETTLED_COUNT_EVERY));
    transactions.countByState(all).forEach(metrics::transactions);
    if (all) {
      settledCountedAt = now;
    }
    metrics.stuck(transactions.stuckCount());
    metrics.diverged(cursors.heldCount());
    cursors.nextNonces().forEach(metrics::nextNonce);
  }
}
