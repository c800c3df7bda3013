package io.custos.cli.command;

import io.custos.cli.CliCommand;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.keys.Keystores;
import io.custos.cli.keys.Passwords;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Approvers' keystore helper. */
@Command(
    name = "keystore",
    description = "Make a V3 keystore for your approval key.",
    subcommands = KeystoreCommand.New.class)
public final class KeystoreCommand extends CommandGroup {

  @Command(
      name = "new",
      description = "Generate a key into a new V3 keystore file (scrypt; mode 0600).")
  static final class New extends CliCommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the new file")
    Path out;

    @Option(names = "--password-file", paramLabel = "FILE", description = "keystore password")
    Path passwordFile;

    @Option(
        names = "--light",
        description = "weaker scrypt parameters (n=4096): fast, for tests and demos only")
    boolean light;

    @Override
    public Integer call() {
      char[] password = Passwords.readNew(passwordFile, environment());
      String address = Keystores.create(out, password, light);
      if (out().json()) {
        out().json(Map.of("address", address, "keystore", out.toAbsolutePath().toString()));
      } else {
        out().line("new key " + out().bold(address) + " in " + out);
        out().note("next: custos approver register --keystore " + out);
      }
      return ExitCodes.OK;
    }
  }
}
