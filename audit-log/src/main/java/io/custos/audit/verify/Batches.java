package io.custos.audit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects entries and prepares each batch in parallel (parsing, canonical form, leaf hash), then
 * hands the results to the pass in order: the order-dependent checks (sequence, chain, tree) stay
 * on one thread.
 */
final class Batches<T> {

  private static final int SIZE = 4_096;

  private final Function<T, Prepared> prepare;
  private final VerifierPass pass;
  private final List<T> pending = new ArrayList<>(SIZE);
  private boolean started;
  private boolean stopped;

  Batches(Function<T, Prepared> prepare, VerifierPass pass) {
    this.prepare = prepare;
    this.pass = pass;
  }

  boolean started() {
    return started;
  }

  /** Adds one; false once the pass has stopped. */
  boolean add(T item) {
    started = true;
    pending.add(item);
    return pending.size() < SIZE || flush();
  }

  /** Checks what is pending; false once the pass has stopped. */
  boolean flush() {
    if (stopped) {
      return false;
    }
    List<Prepared> done = pending.parallelStream().map(prepare).toList();
    pending.clear();
    for (Prepared p : done) {
      if (!pass.accept(p)) {
        stopped = true;
        return false;
      }
    }
    return true;
  }
}
