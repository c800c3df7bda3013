package io.custos.service.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch on the sending side (Prometheus at /q/metrics): transactions by state, stuck
 * transactions, the next nonce per account, accounts held for a diverged nonce, HSM signing latency
 * and errors, broadcast errors. The gauges are refreshed by the {@link TransactionGauges} from the
 * database, so every instance reports the same figures.
 */
@ApplicationScoped
public class SendingMetrics {

  private final MeterRegistry registry;
  private final Map<TxState, AtomicLong> byState = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nonces = new ConcurrentHashMap<>();
  private final AtomicLong stuck;
  private final AtomicLong diverged;
  private final Timer signLatency;
  private final Counter hsmErrors;
  private final Counter broadcastErrors;

  SendingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.stuck = registry.gauge("custos_transactions_stuck", new AtomicLong());
    this.diverged = registry.gauge("custos_nonce_diverged_accounts", new AtomicLong());
    this.signLatency =
        Timer.builder("custos_hsm_sign_seconds")
            .description("HSM signature of a transaction, from digest to verified signature")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    this.hsmErrors = registry.counter("custos_hsm_errors_total");
    this.broadcastErrors = registry.counter("custos_broadcast_errors_total");
  }

  Timer signLatency() {
    return signLatency;
  }

  void hsmError() {
    hsmErrors.increment();
  }

  void broadcastError() {
    broadcastErrors.increment();
  }

  void stuck(long count) {
    stuck.set(count);
  }

  void diverged(long accounts) {
    diverged.set(accounts);
  }

  void transactions(TxState state, long count) {
    byState(state).set(count);
  }

  /** Counts transactions this instance moved to a settled state, until the next full count. */
  void settled(TxState state, int moved) {
    byState(state).addAndGet(moved);
  }

  private AtomicLong byState(TxState state) {
    return byState.computeIfAbsent(
        state,
        s -> registry.gauge("custos_transactions", Tags.of("state", s.name()), new AtomicLong()));
  }

  void nextNonce(String address, long nonce) {
    nonces
        .computeIfAbsent(
            address,
            a -> registry.gauge("custos_next_nonce", Tags.of("address", a), new AtomicLong()))
        .set(nonce);
  }
}
