package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Out;
import io.custos.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Governance requests (approver keys, policy changes), decided by the admins' quorum. */
@Command(
    name = "governance",
    description = "List and decide governance requests (key registrations, policy changes).",
    subcommands = {
      GovernanceCommand.ListRequests.class,
      GovernanceCommand.Show.class,
      GovernanceCommand.Approve.class,
      GovernanceCommand.Reject.class
    })
public final class GovernanceCommand extends CommandGroup {

  static void print(Out out, JsonNode g) {
    out.fields(
        new String[][] {
          {"governance request", Text.at(g, "id")},
          {"kind", Text.at(g, "kind")},
          {"state", out.state(Text.at(g, "state"))},
          {"missing", g.has("missing") ? Text.list(g.path("missing")) : null}
        });
  }

  @Command(name = "list", description = "List governance requests.")
  static final class ListRequests extends CliCommand {

    @Option(names = "--state", description = "only this state, e.g. PENDING_APPROVAL")
    String state;

    @Override
    public Integer call() {
      String path =
          "/api/v1/governance/requests" + (state == null ? "" : "?state=" + Paths.query(state));
      JsonNode list = api().get(path);
      if (out().json()) {
        out().json(list);
        return ExitCodes.OK;
      }
      JsonNode items = list.has("items") ? list.get("items") : list;
      Table t = new Table("ID", "KIND", "STATE", "REQUESTER", "CREATED");
      for (JsonNode g : items) {
        t.row(
            Text.at(g, "id"),
            Text.at(g, "kind"),
            out().state(Text.at(g, "state")),
            Text.at(g, "requester"),
            Text.time(Text.at(g, "createdAt")));
      }
      out().table(t);
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", description = "Show a governance request.")
  static final class Show extends CliCommand {

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      JsonNode g = api().get("/api/v1/governance/requests/" + Paths.segment(id));
      if (out().json()) {
        out().json(g);
      } else {
        print(out(), g);
        out().line(g.toPrettyString());
      }
      return ExitCodes.OK;
    }
  }

  abstract static class Verdict extends CliCommand {

    @Parameters(paramLabel = "ID")
    String id;

    abstract String verdict();

    abstract String comment();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("verdict", verdict());
      body.put("comment", comment());
      JsonNode g =
          api().post("/api/v1/governance/requests/" + Paths.segment(id) + "/approvals", body);
      if (out().json()) {
        out().json(g);
      } else {
        print(out(), g);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "approve", description = "Approve a governance request (admin).")
  static final class Approve extends Verdict {

    @Option(names = "--comment")
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

  @Command(name = "reject", description = "Reject a governance request (admin).")
  static final class Reject extends Verdict {

    @Option(names = "--reason", required = true)
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
