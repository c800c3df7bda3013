package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.http.Api;
import io.custos.cli.keys.DomainPins;
import io.custos.cli.keys.Review;
import io.custos.cli.keys.TypedDataReview;
import io.custos.cli.output.Table;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Approvers' device keys: register (governance decides), list, revoke. */
@Command(
    name = "approver",
    description = "Register and list approvers' device keys.",
    subcommands = {
      ApproverCommand.Register.class,
      ApproverCommand.ListKeys.class,
      ApproverCommand.Revoke.class,
      ApproverCommand.ForgetDomain.class
    })
public final class ApproverCommand extends CommandGroup {

  @Command(
      name = "register",
      description =
          "Register your keystore's key as your approval key: signs a KeyRegistration proving you"
              + " hold it; admins then approve the governance request.")
  static final class Register extends CliCommand {

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "V3 keystore")
    Path keystore;

    @Option(names = "--password-file", paramLabel = "FILE", description = "keystore password")
    Path passwordFile;

    @Option(names = "--yes", description = "sign without asking (the checks still run)")
    boolean yes;

    @Override
    public Integer call() {
      Credentials key = DeviceSigning.key(keystore, passwordFile, environment());
      String address = Keys.toChecksumAddress(key.getAddress());
      Api api = api();
      JsonNode offer =
          api.get("/api/v1/approvers/me/registration-typed-data?address=" + Paths.query(address));
      JsonNode typedData = offer.path("typedData");
      Review review = TypedDataReview.registration(typedData, Text.at(offer, "digest"), address);
      DeviceSigning.show(out(), "You are about to register " + address + ":", review);
      DeviceSigning.refuseIfBad(review);
      DeviceSigning.confirm(environment(), yes, "Sign this registration?");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("address", address);
      body.put("typedData", typedData);
      body.put("signature", DeviceSigning.sign(review, key));
      JsonNode g = api.post("/api/v1/approvers/keys", body);
      if (out().json()) {
        out().json(g);
      } else {
        out().line("registration of " + address + " submitted for governance");
        GovernanceCommand.print(out(), g);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "keys", description = "List approvers' keys (admin, auditor, approver).")
  static final class ListKeys extends CliCommand {

    @Override
    public Integer call() {
      JsonNode keys = api().get("/api/v1/approvers/keys");
      if (out().json()) {
        out().json(keys);
        return ExitCodes.OK;
      }
      Table t = new Table("USERNAME", "ADDRESS", "STATE", "REGISTERED", "REVOKED");
      for (JsonNode k : keys) {
        t.row(
            Text.at(k, "username"),
            Text.at(k, "address"),
            out().state(Text.at(k, "state")),
            Text.time(Text.at(k, "registeredAt")),
            Text.time(Text.at(k, "revokedAt")));
      }
      out().table(t);
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke", description = "Ask to revoke an approval key (your own, or as admin).")
  static final class Revoke extends CliCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the key's address")
    String address;

    @Override
    public Integer call() {
      JsonNode g =
          api().post("/api/v1/approvers/keys/" + Paths.segment(address) + "/revocation", Map.of());
      if (out().json()) {
        out().json(g);
      } else {
        out().line("revocation of " + address + " submitted for governance");
        GovernanceCommand.print(out(), g);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "forget-domain",
      description =
          "Drop the EIP-712 domain pinned for the server (chain id, contract, salt) on your first"
              + " approval; the next approval pins the server's domain again. Only when the"
              + " deployment really moved.")
  static final class ForgetDomain extends CliCommand {

    @Override
    public Integer call() {
      String server = settings().server().toString();
      boolean forgotten = new DomainPins(settings().configDir()).forget(server);
      if (out().json()) {
        out().json(Map.of("server", server, "forgotten", forgotten));
      } else {
        out().line(forgotten ? "forgot the domain of " + server : "no domain pinned for " + server);
      }
      return ExitCodes.OK;
    }
  }
}
