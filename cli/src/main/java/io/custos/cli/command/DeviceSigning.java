package io.custos.cli.command;

import io.custos.cli.CliEnvironment;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.keys.FieldCheck;
import io.custos.cli.keys.Keystores;
import io.custos.cli.keys.Passwords;
import io.custos.cli.keys.Review;
import io.custos.cli.keys.Signatures;
import io.custos.cli.output.Out;
import io.custos.cli.output.Table;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;

/**
 * The approver's side of a device signature: show what would be signed the way a hardware wallet
 * would, refuse when it does not match what the CLI fetched itself, ask, then sign the digest the
 * CLI computed (never the server's).
 */
final class DeviceSigning {

  private DeviceSigning() {}

  /** The keystore's key, its password from the file, the environment or a prompt. */
  static Credentials key(Path keystore, Path passwordFile, CliEnvironment env) {
    char[] password = Passwords.read(passwordFile, env, "Keystore password: ");
    return Keystores.load(keystore, password);
  }

  /** Prints the fields (to stderr under {@code --json}, so stdout stays one JSON document). */
  static void show(Out out, String title, Review review) {
    Table t = new Table("FIELD", "VALUE TO SIGN", "CHECK");
    for (FieldCheck f : review.fields()) {
      String check =
          f.matches() == null
              ? out.dim("shown")
              : f.matches() ? out.green("matches") : out.red("DIFFERS: here " + f.expected());
      t.row(f.field(), f.signed(), check);
    }
    t.row("digest", review.digestHex(), out.dim("computed here"));
    if (out.json()) {
      out.note(title);
      t.lines().forEach(out::note);
    } else {
      out.line(out.bold(title));
      out.table(t);
    }
  }

  /** Refuses (exit 1) when the review found a problem. */
  static void refuseIfBad(Review review) {
    if (!review.ok()) {
      throw CliException.refused("Refusing to sign", String.join("; ", review.problems()));
    }
  }

  /**
   * Asks "sign?" on the terminal unless {@code --yes}; without a terminal {@code --yes} is needed.
   */
  static void confirm(CliEnvironment env, boolean yes, String question) {
    if (yes) {
      return;
    }
    if (env.console() == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "Not confirmed",
          "no terminal to ask on: give --yes to sign without asking");
    }
    String answer = env.console().readLine("%s [y/N] ", question);
    if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
      throw CliException.refused("Not signed", "you did not confirm");
    }
  }

  static String sign(Review review, Credentials key) {
    return Signatures.sign(review.digest(), key);
  }
}
