package io.custos.audit.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Command-line entry of the verifier.
 *
 * <pre>
 * java -cp custos-audit-log.jar:... io.custos.audit.verify.VerifyCommand
 *     (--file export.jsonl | --jdbc-url jdbc:postgresql://host/db [--user name])
 *     --pubkey checkpoint-key.pem [--checkpoint trusted-note.txt]
 * </pre>
 *
 * The database password, if one is needed, comes from the environment variable {@code PGPASSWORD}
 * and never from the command line. Exit status: 0 verified, 1 faults found, 2 usage or I/O error.
 */
public final class VerifyCommand {

  /** Exit status when the log verifies. */
  public static final int OK = 0;

  /** Exit status when the verifier found a fault. */
  public static final int FAULTS = 1;

  /** Exit status for bad arguments or an unreadable input. */
  public static final int ERROR = 2;

  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv("PGPASSWORD"), System.out, System.err));
  }

  /** Runs the command and returns its exit status; testable without exiting the JVM. */
  public static int run(String[] args, String password, PrintStream out, PrintStream err) {
    Map<String, String> opts;
    try {
      opts = options(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(
          "usage: VerifyCommand (--file EXPORT | --jdbc-url URL [--user NAME])"
              + " --pubkey KEY.pem [--checkpoint NOTE]");
      return ERROR;
    }
    try {
      VerifierKey key = VerifierKey.parse(Files.readString(Path.of(opts.get("--pubkey"))));
      Optional<String> trusted = Optional.empty();
      if (opts.containsKey("--checkpoint")) {
        trusted = Optional.of(Files.readString(Path.of(opts.get("--checkpoint"))));
      }
      AuditVerifier verifier = new AuditVerifier(key, trusted);
      VerificationReport report =
          opts.containsKey("--file")
              ? verifier.verifyExport(Path.of(opts.get("--file")))
              : verifyDatabase(verifier, opts, password);
      print(report, out);
      return report.ok() ? OK : FAULTS;
    } catch (IOException | SQLException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ERROR;
    }
  }

  private static VerificationReport verifyDatabase(
      AuditVerifier verifier, Map<String, String> opts, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", opts.getOrDefault("--user", System.getProperty("user.name")));
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(opts.get("--jdbc-url"), props)) {
      return verifier.verifyDatabase(c);
    }
  }

  private static void print(VerificationReport report, PrintStream out) {
    out.println(
        "entries checked: " + report.entries() + ", checkpoints checked: " + report.checkpoints());
    if (report.ok()) {
      out.println("OK: every leaf, chain link, checkpoint root and signature verifies");
      if (report.vouched() < report.entries()) {
        out.println(
            "note: entries "
                + report.vouched()
                + ".."
                + (report.entries() - 1)
                + " are after the newest checkpoint and covered by the chain only");
      }
      return;
    }
    Fault first = report.faults().getFirst();
    out.println("FAULT: " + first.kind() + " at seq " + first.seq() + ": " + first.detail());
    for (Fault f : report.faults().subList(1, report.faults().size())) {
      out.println("also: " + f);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.matches("--(file|jdbc-url|user|pubkey|checkpoint)") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + name);
      }
      opts.put(name, args[++i]);
    }
    if (opts.containsKey("--file") == opts.containsKey("--jdbc-url")) {
      throw new IllegalArgumentException("give exactly one of --file and --jdbc-url");
    }
    if (!opts.containsKey("--pubkey")) {
      throw new IllegalArgumentException("--pubkey is required");
    }
    return opts;
  }
}
