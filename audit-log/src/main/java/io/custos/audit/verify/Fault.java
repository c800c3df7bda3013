package io.custos.audit.verify;

/**
 * One finding.
 *
 * @param kind what is wrong
 * @param seq the first sequence number that is bad or, for checkpoint findings, the first entry not
 *     vouched for by an earlier good checkpoint (the damage lies at or after it)
 * @param detail a human-readable explanation with the evidence
 */
public record Fault(FaultKind kind, long seq, String detail) {

  @Override
  public String toString() {
    return kind + " at seq " + seq + ": " + detail;
  }
}
