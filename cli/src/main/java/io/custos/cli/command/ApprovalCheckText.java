package io.custos.cli.command;

import io.custos.cli.approvals.ApprovalCheckReport;
import io.custos.cli.output.Out;

/** The offline approval check's report for people: one line per signed transaction. */
final class ApprovalCheckText {

  private ApprovalCheckText() {}

  static void print(Out out, ApprovalCheckReport report) {
    out.line("signed transactions checked: " + report.transactions().size());
    for (ApprovalCheckReport.TransactionResult t : report.transactions()) {
      out.line(
          (t.ok() ? out.green("OK") : out.red("FAULT"))
              + ": "
              + t.hash()
              + " request "
              + t.requestId()
              + " approved by "
              + (t.confirmed().isEmpty() ? "(policy alone)" : String.join(", ", t.confirmed())));
      t.faults().forEach(f -> out.line("  " + f));
    }
    report.faults().forEach(f -> out.line(out.red("FAULT") + ": " + f));
    if (report.ok()) {
      out.line(
          out.green("OK")
              + ": every quorum is met by device signatures of keys active at the time");
    }
  }
}
