package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code GET /api/v1/requests/{id}} with decoded calldata, explanation, approvals, chain status.
 */
@Command(
    name = "show",
    description =
        "Show a request: decoded calldata, the policy's explanation, approvals, chain status.")
public final class TxShow extends CliCommand {

  @Parameters(paramLabel = "ID", description = "the request id")
  String id;

  @Override
  public Integer call() {
    JsonNode r = api().get("/api/v1/requests/" + Paths.segment(id));
    if (out().json()) {
      out().json(r);
    } else {
      RequestText.full(out(), r);
    }
    return ExitCodes.OK;
  }
}
