package io.custos.service.sending;

import io.custos.service.chain.EthereumConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Flags what was sent longer ago than stuck-after and is still not mined, for operators to speed up
 * or cancel. Leaving BROADCAST clears the flag in the same statement ({@link
 * TransactionRepository#move}, {@link TransactionRepository#markReplaced}).
 */
@ApplicationScoped
class StuckFlags {

  private final TransactionRepository transactions;
  private final Duration stuckAfter;
  private final Clock clock;

  StuckFlags(TransactionRepository transactions, EthereumConfig config, Clock clock) {
    this.transactions = transactions;
    this.stuckAfter = config.stuckAfter();
    this.clock = clock;
  }

  @Transactional
  void flag() {
    Instant now = clock.instant();
    transactions.flagStuck(now, now.minus(stuckAfter));
  }
}
