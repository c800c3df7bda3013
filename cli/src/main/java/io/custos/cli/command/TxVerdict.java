package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import io.custos.cli.http.Api;
import io.custos.cli.keys.DomainPins;
import io.custos.cli.keys.Review;
import io.custos.cli.keys.TypedDataReview;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A device-signed verdict: fetch the request and the EIP-712 {@code Approval} the server wants
 * signed, check one against the other and its domain against the one pinned for the server ({@link
 * DomainPins}), sign with the approver's keystore, post both.
 */
abstract class TxVerdict extends CliCommand {

  @Parameters(paramLabel = "ID", description = "the request id")
  String id;

  @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "V3 keystore")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "keystore password (else CUSTOS_KEYSTORE_PASSWORD, else a prompt)")
  Path passwordFile;

  @Option(names = "--yes", description = "sign without asking (the checks still run)")
  boolean yes;

  abstract String verdict();

  abstract String comment();

  @Override
  public Integer call() {
    Api api = api();
    String path = "/api/v1/requests/" + Paths.segment(id);
    JsonNode request = api.get(path);
    JsonNode offer = api.get(path + "/typed-data?verdict=" + verdict());
    JsonNode typedData = offer.path("typedData");
    Review review =
        TypedDataReview.approval(
            typedData, Text.at(offer, "digest"), request, verdict(), clock().instant());
    DeviceSigning.show(out(), "You are about to " + verdict() + " request " + id + ":", review);
    DeviceSigning.refuseIfBad(review);
    DomainPins pins = new DomainPins(settings().configDir());
    String server = settings().server().toString();
    pins.requirePinnedOrNew(server, typedData.path("domain"));
    Credentials key = DeviceSigning.key(keystore, passwordFile, environment());
    DeviceSigning.confirm(
        environment(), yes, "Sign this " + verdict() + " with " + key.getAddress() + "?");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verdict", verdict());
    body.put("comment", comment());
    body.put("typedData", typedData);
    body.put("signature", DeviceSigning.sign(review, key));
    if (pins.pinIfNew(server, typedData.path("domain"))) {
      out().note("pinned this server's EIP-712 domain in " + pins.file());
    }
    JsonNode after = api.post(path + "/approvals", body);
    if (out().json()) {
      out().json(after);
    } else {
      RequestText.summary(out(), after);
    }
    return RequestStates.isRefused(Text.at(after, "state")) && verdict().equals("approve")
        ? ExitCodes.REFUSED
        : ExitCodes.OK;
  }

  @Command(name = "approve", description = "Approve a request, signed with your device key.")
  static final class Approve extends TxVerdict {

    @Option(names = "--comment", description = "a note kept with the approval")
    String comment;

    @Override
    String verdict() {
      return "approve";
    }

    @Override
    String comment() {
      return comment;
    }
  }

  @Command(name = "reject", description = "Reject (veto) a request, signed with your device key.")
  static final class Reject extends TxVerdict {

    @Option(names = "--reason", required = true, description = "why; kept with the rejection")
    String reason;

    @Override
    String verdict() {
      return "reject";
    }

    @Override
    String comment() {
      return reason;
    }
  }
}
