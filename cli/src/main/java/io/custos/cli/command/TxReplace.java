package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Amounts;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Speed-up and cancel: each makes a new request ({@code replaces}: the original) that goes through
 * the policy like any other.
 */
abstract class TxReplace extends CliCommand {

  @Parameters(paramLabel = "ID", description = "the request whose transaction to replace")
  String id;

  abstract String action();

  Map<String, Object> body() {
    return Map.of();
  }

  @Override
  public Integer call() {
    JsonNode r = api().post("/api/v1/requests/" + Paths.segment(id) + "/" + action(), body());
    if (out().json()) {
      out().json(r);
    } else {
      out().line(action() + " of " + id + " requested as " + out().bold(Text.at(r, "id")));
      RequestText.summary(out(), r);
    }
    return RequestStates.isRefused(Text.at(r, "state")) ? ExitCodes.REFUSED : ExitCodes.OK;
  }

  @Command(
      name = "speed-up",
      description = "Replace a pending transaction with higher fees (operator).")
  static final class SpeedUp extends TxReplace {

    @Option(names = "--max-fee-per-gas", description = "e.g. 80gwei (default: minimum bump)")
    String maxFee;

    @Option(names = "--max-priority-fee-per-gas", description = "e.g. 3gwei")
    String maxTip;

    @Override
    String action() {
      return "speed-up";
    }

    @Override
    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      try {
        if (maxFee != null) {
          body.put("maxFeePerGas", Amounts.parseWei(maxFee).toString());
        }
        if (maxTip != null) {
          body.put("maxPriorityFeePerGas", Amounts.parseWei(maxTip).toString());
        }
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      return body;
    }
  }

  @Command(
      name = "cancel",
      description = "Replace a pending transaction with a 0-value self-transfer (operator).")
  static final class Cancel extends TxReplace {

    @Override
    String action() {
      return "cancel";
    }
  }
}
