package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code GET /api/v1/requests}: newest first, a page at a time. */
@Command(name = "list", description = "List requests, newest first (yours, or all for approvers).")
public final class TxList extends CliCommand {

  @Option(names = "--state", description = "only this state, e.g. PENDING_APPROVAL")
  String state;

  @Option(names = "--limit", description = "at most this many (server default when absent)")
  Integer limit;

  @Option(names = "--after", paramLabel = "ID", description = "the page after this request id")
  String after;

  @Override
  public Integer call() {
    List<String> query = new ArrayList<>();
    if (state != null) {
      query.add("state=" + Paths.query(state.toUpperCase(Locale.ROOT)));
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    if (after != null) {
      query.add("after=" + Paths.query(after));
    }
    String path = "/api/v1/requests" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    JsonNode page = api().get(path);
    if (out().json()) {
      out().json(page);
      return ExitCodes.OK;
    }
    Table t = new Table("ID", "STATE", "WALLET", "AMOUNT", "TO", "REQUESTER", "CREATED");
    for (JsonNode r : page.path("items")) {
      t.row(
          Text.at(r, "id"),
          out().state(Text.at(r, "state")),
          Text.at(r, "wallet"),
          RequestText.what(out(), r),
          Text.at(r, "to"),
          Text.at(r, "requester"),
          Text.time(Text.at(r, "createdAt")));
    }
    if (t.isEmpty()) {
      out().line("no requests" + (state == null ? "" : " in state " + state));
    } else {
      out().table(t);
    }
    String next = Text.at(page, "next");
    if (next != null) {
      out().note("more: custos tx list --after " + next);
    }
    return ExitCodes.OK;
  }
}
