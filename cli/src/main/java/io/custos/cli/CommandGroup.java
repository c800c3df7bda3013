package io.custos.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups others ({@code wallet}, {@code tx}...): alone it is a usage error. */
public abstract class CommandGroup implements Runnable {

  @Spec protected CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing a sub-command of '"
            + spec.qualifiedName()
            + "': "
            + String.join(", ", spec.subcommands().keySet()));
  }
}
