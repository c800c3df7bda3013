package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Amounts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code POST /api/v1/requests}: a native transfer, an ERC-20 transfer or a contract call. */
@Command(
    name = "submit",
    description = {
      "Ask for a transaction (requester). Exit 1 when the policy denies it.",
      "  native:   --wallet treasury --to 0x… --value 1.5eth",
      "  ERC-20:   --wallet treasury --to 0x… --token USDC --amount 250.00",
      "  contract: --wallet treasury --to 0x… --data 0x… [--value 0]"
    })
public final class TxSubmit extends CliCommand {

  static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");

  @Option(names = "--wallet", required = true, description = "the signing wallet's label")
  String wallet;

  @Option(names = "--to", required = true, description = "destination (or token recipient)")
  String to;

  @Option(names = "--value", description = "ether: 1.5eth, 20gwei, or an integer of wei")
  String value;

  @Option(names = "--token", description = "token symbol of the policy's address book")
  String token;

  @Option(names = "--amount", description = "token amount in whole tokens, e.g. 250.00")
  String amount;

  @Option(names = "--data", description = "calldata, 0x hex (a contract call)")
  String data;

  @Option(names = "--memo", description = "a note for the approvers")
  String memo;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "retrying with the same key returns the same request (default: a new UUID)")
  String idempotencyKey;

  @Option(names = "--max-fee-per-gas", description = "fee cap, e.g. 50gwei")
  String maxFee;

  @Option(names = "--max-priority-fee-per-gas", description = "priority fee cap, e.g. 2gwei")
  String maxTip;

  @Override
  public Integer call() {
    Map<String, Object> body = body();
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    JsonNode r = api().post("/api/v1/requests", body, Map.of("Idempotency-Key", key));
    String state = Text.at(r, "state");
    if (out().json()) {
      out().json(r);
    } else {
      RequestText.summary(out(), r);
      out().note("idempotency key " + key + " (submit again with it to retry safely)");
    }
    if (RequestStates.isRefused(state)) {
      out().note("error: request " + Text.at(r, "id") + " was " + state);
      return ExitCodes.REFUSED;
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> body() {
    if (!ADDRESS.matcher(to).matches()) {
      throw usage("--to must be a 0x address of 40 hex digits, not '" + to + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("wallet", wallet);
    body.put("to", to);
    if (token != null || amount != null) {
      if (token == null || amount == null) {
        throw usage("an ERC-20 transfer takes both --token and --amount");
      }
      if (value != null || data != null) {
        throw usage("give either --token/--amount or --value/--data, not both");
      }
      body.put("token", token);
      body.put("amount", parse(() -> Amounts.tokenAmount(amount)));
    } else {
      if (value == null && data == null) {
        throw usage("give --value (ether), --token with --amount, or --data");
      }
      body.put("value", value == null ? "0" : parse(() -> Amounts.parseWei(value).toString()));
      if (data != null) {
        if (!HEX.matcher(data).matches()) {
          throw usage("--data must be 0x followed by whole bytes of hex");
        }
        body.put("data", data);
      }
    }
    if (maxFee != null) {
      body.put("maxFeePerGas", parse(() -> Amounts.parseWei(maxFee).toString()));
    }
    if (maxTip != null) {
      body.put("maxPriorityFeePerGas", parse(() -> Amounts.parseWei(maxTip).toString()));
    }
    if (memo != null) {
      body.put("memo", memo);
    }
    return body;
  }

  private String parse(Supplier<String> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }
}
