package io.custos.audit.verify;

import java.util.List;
import java.util.Optional;

/**
 * The verifier's result.
 *
 * @param entries entries checked
 * @param checkpoints checkpoints whose root and signature were checked
 * @param vouched the size of the largest checkpoint that verified: entries from this number on are
 *     protected only by the chain, which whoever controls the database can extend
 * @param faults findings, in the order found; the first one is the first bad place in the log
 */
public record VerificationReport(long entries, int checkpoints, long vouched, List<Fault> faults) {

  public VerificationReport {
    faults = List.copyOf(faults);
  }

  /** Whether nothing is wrong. */
  public boolean ok() {
    return faults.isEmpty();
  }

  /** The first finding. */
  public Optional<Fault> firstFault() {
    return faults.stream().findFirst();
  }
}
