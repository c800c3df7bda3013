package io.custos.cli.command;

import io.custos.cli.CommandGroup;
import picocli.CommandLine.Command;

/** Transaction requests: submit, read, give verdicts, replace, withdraw, follow. */
@Command(
    name = "tx",
    description = "Submit, read, approve and follow transaction requests.",
    subcommands = {
      TxSubmit.class,
      TxList.class,
      TxShow.class,
      TxVerdict.Approve.class,
      TxVerdict.Reject.class,
      TxReplace.SpeedUp.class,
      TxReplace.Cancel.class,
      TxWithdraw.class,
      TxWatch.class
    })
public final class TxCommand extends CommandGroup {}
