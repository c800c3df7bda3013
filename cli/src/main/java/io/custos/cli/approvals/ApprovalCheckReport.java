package io.custos.cli.approvals;

import java.util.List;

/**
 * What {@link OfflineApprovalCheck} found in an exported audit log.
 *
 * @param transactions one result per {@code transaction.signed} entry, in log order
 * @param faults problems outside any one transaction (a policy document that does not hash to its
 *     hash, a key registration whose proof does not verify, ...)
 */
public record ApprovalCheckReport(List<TransactionResult> transactions, List<String> faults) {

  public ApprovalCheckReport {
    transactions = List.copyOf(transactions);
    faults = List.copyOf(faults);
  }

  /** True when every transaction's quorum was confirmed and nothing else was wrong. */
  public boolean ok() {
    return faults.isEmpty() && transactions.stream().allMatch(TransactionResult::ok);
  }

  /** The result for the transaction with this hash, or null. */
  public TransactionResult transaction(String hash) {
    return transactions.stream().filter(t -> t.hash().equals(hash)).findFirst().orElse(null);
  }

  /**
   * The check of one signed transaction.
   *
   * @param seq the {@code transaction.signed} entry
   * @param hash the transaction hash
   * @param requestId the request it carried out
   * @param confirmed the approvals whose signature, key and binding verified, as {@code username
   *     (address)}
   * @param quorumMet true when the policy's rule is met by the confirmed approvals alone
   * @param faults what did not verify
   */
  public record TransactionResult(
      long seq,
      String hash,
      String requestId,
      List<String> confirmed,
      boolean quorumMet,
      List<String> faults) {

    public TransactionResult {
      confirmed = List.copyOf(confirmed);
      faults = List.copyOf(faults);
    }

    public boolean ok() {
      return quorumMet && faults.isEmpty();
    }
  }
}
