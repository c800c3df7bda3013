package io.custos.cli;

import io.custos.cli.command.ApproverCommand;
import io.custos.cli.command.AuditCommand;
import io.custos.cli.command.FreezeCommand;
import io.custos.cli.command.GovernanceCommand;
import io.custos.cli.command.KeystoreCommand;
import io.custos.cli.command.LoginCommand;
import io.custos.cli.command.LogoutCommand;
import io.custos.cli.command.PolicyCommand;
import io.custos.cli.command.TxCommand;
import io.custos.cli.command.WalletCommand;
import io.custos.cli.command.WhoamiCommand;
import io.custos.cli.http.Json;
import io.custos.cli.http.ProblemException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code custos}: the command-line client of the Custos REST API. */
@Command(
    name = "custos",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "custos CLI 0.1.0",
    description = "Command-line client of a Custos signing server.",
    subcommands = {
      LoginCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class,
      WalletCommand.class,
      TxCommand.class,
      ApproverCommand.class,
      KeystoreCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      GovernanceCommand.class,
      FreezeCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done",
      "  1  refused or denied: a problem from the server, or a request that",
      "     ended DENIED, REJECTED, EXPIRED or FAILED",
      "  2  usage error",
      "  3  server or Keycloak unreachable"
    })
public final class CustosCli implements Runnable {

  @Spec CommandSpec spec;

  /** The global options when given before the command's name. */
  @Mixin GlobalOptions global;

  private final CliEnvironment environment;

  public CustosCli(CliEnvironment environment) {
    this.environment = environment;
  }

  public CliEnvironment environment() {
    return environment;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command (custos --help lists them)");
  }

  /** The command line with the CLI's error printing and exit codes; tests run this in-process. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cl = new CommandLine(new CustosCli(environment));
    cl.setParameterExceptionHandler(CustosCli::usageError);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> report(e, cmd, environment.variable("CUSTOS_DEBUG") != null));
    return cl;
  }

  /** One line saying what is wrong and where to read more, rather than the whole usage. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + e.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int report(Exception e, CommandLine cmd, boolean debug) {
    PrintWriter err = cmd.getErr();
    if (debug) {
      e.printStackTrace(err);
    }
    if (e instanceof ParameterException p) {
      return usageError(p, new String[0]);
    }
    if (e instanceof CliException c) {
      err.println("error: " + c.title() + (c.detail() == null ? "" : ": " + c.detail()));
      if (c instanceof ProblemException p) {
        if (p.problem().status() == 401) {
          err.println("hint: run custos login");
        }
        if (cmd.getCommand() instanceof CliCommand command
            && command.jsonRequested()
            && p.problem().body() != null) {
          cmd.getOut().println(Json.write(p.problem().body()));
          cmd.getOut().flush();
        }
      }
      err.flush();
      return c.exitCode();
    }
    err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    err.flush();
    return ExitCodes.REFUSED;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CliEnvironment.system()).execute(args));
  }
}
