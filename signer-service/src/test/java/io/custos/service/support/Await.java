package io.custos.service.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition of a separately running system until it holds or time runs out. */
public final class Await {

  private Await() {}

  /**
   * Waits until {@code condition} holds; otherwise fails with {@code what} and {@code state} (what
   * was seen last).
   */
  public static void until(
      Duration timeout, String what, BooleanSupplier condition, Supplier<?> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within " + timeout + ": " + what + "; last seen: " + state.get());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
