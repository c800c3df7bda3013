package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Out;
import io.custos.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Wallets: keys generated inside the HSM, named by label. */
@Command(
    name = "wallet",
    description = "Create and read wallets (keys inside the HSM).",
    subcommands = {
      WalletCommand.CreateWallet.class,
      WalletCommand.ListWallets.class,
      WalletCommand.ShowWallet.class
    })
public final class WalletCommand extends CommandGroup {

  @Command(
      name = "create",
      description = "Create a wallet: its key is generated in the HSM (admin).")
  static final class CreateWallet extends CliCommand {

    @Option(names = "--label", required = true, description = "the wallet's name, e.g. treasury")
    String label;

    @Option(
        names = "--tag",
        paramLabel = "TAG",
        description = "a tag policies match on; repeatable")
    List<String> tags = List.of();

    @Option(
        names = "--adopt",
        description =
            "take the key already on the token under the wallet's label (left by a crash, or made"
                + " with the vendor's tools); only a key generated there, never extractable")
    boolean adopt;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("label", label);
      body.put("tags", tags);
      if (adopt) {
        body.put("adopt", true);
      }
      JsonNode w = api().post("/api/v1/wallets", body);
      if (out().json()) {
        out().json(w);
      } else {
        out().line("created wallet " + out().bold(w.path("label").asText()));
        printWallet(out(), w);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List the wallets (admin, auditor).")
  static final class ListWallets extends CliCommand {

    @Override
    public Integer call() {
      JsonNode wallets = api().get("/api/v1/wallets");
      if (out().json()) {
        out().json(wallets);
        return ExitCodes.OK;
      }
      Table t = new Table("LABEL", "ADDRESS", "CHAIN", "TAGS", "CREATED");
      for (JsonNode w : wallets) {
        t.row(
            w.path("label").asText(),
            w.path("address").asText(),
            w.path("chainId").asText(),
            Text.list(w.path("tags")),
            Text.time(Text.at(w, "createdAt")));
      }
      out().table(t);
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", description = "Show a wallet with its balance and nonces on the chain.")
  static final class ShowWallet extends CliCommand {

    @Parameters(paramLabel = "LABEL", description = "the wallet's label")
    String label;

    @Override
    public Integer call() {
      JsonNode d = api().get("/api/v1/wallets/" + Paths.segment(label));
      if (out().json()) {
        out().json(d);
        return ExitCodes.OK;
      }
      printWallet(out(), d.path("wallet"));
      out()
          .fields(
              new String[][] {
                {"balance", out().amount(d.path("balanceWei").asText())},
                {
                  "nonce",
                  d.path("nonce").asText() + " (pending " + d.path("pendingNonce").asText() + ")"
                }
              });
      return ExitCodes.OK;
    }
  }

  private static void printWallet(Out out, JsonNode w) {
    out.fields(
        new String[][] {
          {"label", w.path("label").asText()},
          {"address", w.path("address").asText()},
          {"chain id", w.path("chainId").asText()},
          {"tags", Text.list(w.path("tags"))},
          {"created", Text.at(w, "createdAt") + " by " + Text.at(w, "createdBy")}
        });
  }
}
