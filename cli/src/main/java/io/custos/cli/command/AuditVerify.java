package io.custos.cli.command;

import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.Fault;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import io.custos.cli.CliCommand;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.approvals.ApprovalCheckReport;
import io.custos.cli.approvals.OfflineApprovalCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the auditor's independent verifier (audit-log's {@code AuditVerifier}) here, on an export
 * and a pinned key, then the offline approval check ({@link OfflineApprovalCheck}) on the same
 * export. What is not given is fetched from the server, with a warning: a key fetched from the
 * server being checked proves consistency, not authenticity.
 */
@Command(
    name = "verify",
    description = {
      "Verify the audit log offline: every leaf, chain link, checkpoint root and signature;",
      "then every signed transaction's device-signed approvals and quorum (--no-approvals skips).",
      "Exit 0 verified, 1 faults found."
    })
public final class AuditVerify extends CliCommand {

  @Option(
      names = "--file",
      paramLabel = "EXPORT",
      description = "an export (default: download one)")
  Path file;

  @Option(
      names = "--pubkey",
      paramLabel = "KEY",
      description = "the pinned checkpoint key, PEM (default: fetched from the server)")
  Path pubkey;

  @Option(
      names = "--checkpoint",
      paramLabel = "CP",
      description = "a trusted earlier signed note the log must extend")
  Path checkpoint;

  @Option(
      names = "--no-approvals",
      description = "skip the re-check of the device-signed approvals and quorums")
  boolean noApprovals;

  @Override
  public Integer call() throws IOException {
    Path export = file;
    Path temp = null;
    try {
      if (export == null) {
        temp = Files.createTempFile("custos-export", ".jsonl");
        api().download("/api/v1/audit/export", temp);
        export = temp;
      }
      VerificationReport report = verifier().verifyExport(export);
      ApprovalCheckReport approvals = noApprovals ? null : OfflineApprovalCheck.check(export);
      if (out().json()) {
        printJson(report, approvals);
      } else {
        print(report);
        if (approvals != null) {
          ApprovalCheckText.print(out(), approvals);
        }
      }
      boolean ok = report.ok() && (approvals == null || approvals.ok());
      return ok ? ExitCodes.OK : ExitCodes.REFUSED;
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "Cannot verify", e.getMessage());
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private AuditVerifier verifier() throws IOException {
    String pem;
    if (pubkey != null) {
      pem = Files.readString(pubkey);
    } else {
      out()
          .note(
              "warning: checkpoint key fetched from the server being verified; pin it instead"
                  + " (custos audit key --out key.pem, then --pubkey key.pem)");
      pem = api().getText("/api/v1/audit/key", "application/x-pem-file");
    }
    Optional<String> trusted =
        checkpoint == null ? Optional.empty() : Optional.of(Files.readString(checkpoint));
    return new AuditVerifier(VerifierKey.parse(pem), trusted);
  }

  private void printJson(VerificationReport report, ApprovalCheckReport approvals) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ok", report.ok() && (approvals == null || approvals.ok()));
    json.put("entries", report.entries());
    json.put("checkpoints", report.checkpoints());
    json.put("vouched", report.vouched());
    List<Map<String, Object>> faults =
        report.faults().stream()
            .map(
                f ->
                    Map.<String, Object>of(
                        "kind", f.kind().name(), "seq", f.seq(), "detail", f.detail()))
            .toList();
    json.put("faults", faults);
    if (approvals != null) {
      json.put("approvals", approvals);
    }
    out().json(json);
  }

  private void print(VerificationReport report) {
    out()
        .line(
            "entries checked: "
                + report.entries()
                + ", checkpoints checked: "
                + report.checkpoints());
    if (report.ok()) {
      out()
          .line(
              out().green("OK")
                  + ": every leaf, chain link, checkpoint root and signature verifies");
      if (report.vouched() < report.entries()) {
        out()
            .line(
                "note: entries "
                    + report.vouched()
                    + ".."
                    + (report.entries() - 1)
                    + " are after the newest checkpoint and covered by the chain only");
      }
      return;
    }
    for (Fault f : report.faults()) {
      out().line(out().red("FAULT") + ": " + f.kind() + " at seq " + f.seq() + ": " + f.detail());
    }
  }
}
