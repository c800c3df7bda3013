package io.custos.cli.command;

import java.util.Set;

/** The request states a command waits for or exits non-zero on. */
final class RequestStates {

  /** States a request does not leave. */
  static final Set<String> FINAL =
      Set.of("CONFIRMED", "FAILED", "DENIED", "REJECTED", "EXPIRED", "WITHDRAWN", "REPLACED");

  /** Final states in which nothing was (or will be) carried out: exit 1. */
  static final Set<String> REFUSED =
      Set.of("FAILED", "DENIED", "REJECTED", "EXPIRED", "WITHDRAWN", "REPLACED");

  private RequestStates() {}

  static boolean isFinal(String state) {
    return FINAL.contains(state);
  }

  static boolean isRefused(String state) {
    return REFUSED.contains(state);
  }
}
