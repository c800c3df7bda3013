package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CliException;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The auditor's commands: the checkpoint key, checkpoints, the export, proofs, verification. */
@Command(
    name = "audit",
    description = "Export, verify and prove the audit log (auditor, admin).",
    subcommands = {
      AuditCommand.Key.class,
      AuditCommand.Checkpoint.class,
      AuditCommand.Export.class,
      AuditVerify.class,
      AuditCommand.Proof.class
    })
public final class AuditCommand extends CommandGroup {

  @Command(name = "key", description = "Print (or save) the checkpoint public key to pin.")
  static final class Key extends CliCommand {

    @Option(names = "--out", paramLabel = "FILE", description = "write the PEM here")
    Path file;

    @Override
    public Integer call() {
      String pem = api().getText("/api/v1/audit/key", "application/x-pem-file");
      if (file != null) {
        write(file, pem);
        out().note("checkpoint key written to " + file);
      }
      if (out().json()) {
        out().json(Map.of("pem", pem));
      } else if (file == null) {
        out().line(pem.strip());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "checkpoint", description = "Have the server sign a checkpoint now.")
  static final class Checkpoint extends CliCommand {

    @Option(names = "--out", paramLabel = "FILE", description = "write the signed note here")
    Path file;

    @Override
    public Integer call() {
      JsonNode c = api().post("/api/v1/audit/checkpoint", Map.of());
      if (file != null) {
        write(file, Text.at(c, "note"));
        out().note("signed note written to " + file);
      }
      if (out().json()) {
        out().json(c);
      } else {
        out()
            .fields(
                new String[][] {
                  {"origin", Text.at(c, "origin")},
                  {"size", Text.at(c, "size")},
                  {"root", Text.at(c, "rootHash")},
                  {"time", Text.at(c, "time")}
                });
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "export", description = "Download every entry and checkpoint (JSON Lines).")
  static final class Export extends CliCommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the export file")
    Path file;

    @Override
    public Integer call() throws IOException {
      api().download("/api/v1/audit/export", file);
      long lines;
      try (var s = Files.lines(file)) {
        lines = s.count();
      }
      if (out().json()) {
        out().json(Map.of("file", file.toAbsolutePath().toString(), "lines", lines));
      } else {
        out().line("exported " + lines + " lines to " + file);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "proof", description = "The inclusion proof of one entry.")
  static final class Proof extends CliCommand {

    @Parameters(paramLabel = "SEQ", description = "the entry's sequence number")
    long seq;

    @Option(names = "--tree-size", description = "default: the latest checkpoint's size")
    Long treeSize;

    @Override
    public Integer call() {
      String path =
          "/api/v1/audit/entries/"
              + seq
              + "/proof"
              + (treeSize == null ? "" : "?treeSize=" + treeSize);
      JsonNode p = api().get(path);
      if (out().json()) {
        out().json(p);
        return ExitCodes.OK;
      }
      out()
          .fields(
              new String[][] {{"entry", Text.at(p, "seq")}, {"tree size", Text.at(p, "treeSize")}});
      out().line("audit path:");
      p.path("path").forEach(h -> out().line("  " + h.asText()));
      return ExitCodes.OK;
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text.endsWith("\n") ? text : text + "\n");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "Cannot write", file + ": " + e.getMessage());
    }
  }
}
