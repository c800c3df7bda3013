package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Emergency freezes: a guardian stops all signing at once; only the admins' quorum lifts it. */
@Command(
    name = "freeze",
    description = "Stop all signing for a wallet or for every wallet at once, and lift it.",
    subcommands = {
      FreezeCommand.On.class,
      FreezeCommand.ListFreezes.class,
      FreezeCommand.Lift.class
    })
public final class FreezeCommand extends CommandGroup {

  @Command(
      name = "on",
      description =
          "Freeze signing now, for one wallet or (without --wallet) all of them (guardian).")
  static final class On extends CliCommand {

    @Option(names = "--wallet", description = "the wallet's label; without it, every wallet")
    String wallet;

    @Option(names = "--reason", required = true, description = "why: shown to all, audited")
    String reason;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (wallet != null) {
        body.put("wallet", wallet);
      }
      body.put("reason", reason);
      JsonNode f = api().post("/api/v1/freezes", body);
      if (out().json()) {
        out().json(f);
      } else {
        out()
            .line(
                "froze "
                    + out().bold(wallet == null ? "every wallet" : wallet)
                    + " as "
                    + Text.at(f, "id")
                    + ": nothing is signed until the admins' quorum lifts it");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "The freezes in force.")
  static final class ListFreezes extends CliCommand {

    @Override
    public Integer call() {
      JsonNode freezes = api().get("/api/v1/freezes");
      if (out().json()) {
        out().json(freezes);
        return ExitCodes.OK;
      }
      Table t = new Table("ID", "WALLET", "BY", "SINCE", "REASON");
      for (JsonNode f : freezes) {
        String wallet = f.path("wallet").isNull() ? "(every wallet)" : Text.at(f, "wallet");
        t.row(
            Text.at(f, "id"),
            wallet,
            Text.at(f, "frozenBy"),
            Text.at(f, "frozenAt"),
            Text.at(f, "reason"));
      }
      out().table(t);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "lift",
      description =
          "Propose lifting a freeze: a governance request for the admins' quorum (admin).")
  static final class Lift extends CliCommand {

    @Parameters(paramLabel = "ID", description = "the freeze to lift")
    String id;

    @Override
    public Integer call() {
      JsonNode g = api().post("/api/v1/freezes/" + Paths.segment(id) + "/lift", Map.of());
      if (out().json()) {
        out().json(g);
      } else {
        GovernanceCommand.print(out(), g);
      }
      return ExitCodes.OK;
    }
  }
}
