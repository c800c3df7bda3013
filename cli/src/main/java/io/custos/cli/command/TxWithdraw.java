package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The requester takes back their own request, until it is signed. */
@Command(
    name = "withdraw",
    description =
        "Withdraw your own request before it is signed (pending, approved or timelocked).")
final class TxWithdraw extends CliCommand {

  @Parameters(paramLabel = "ID", description = "the request to withdraw")
  String id;

  @Option(names = "--reason", description = "why, for the audit log")
  String reason;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null) {
      body.put("reason", reason);
    }
    JsonNode r = api().post("/api/v1/requests/" + Paths.segment(id) + "/withdraw", body);
    if (out().json()) {
      out().json(r);
    } else {
      out().line("withdrew " + out().bold(id));
      RequestText.summary(out(), r);
    }
    return ExitCodes.OK;
  }
}
