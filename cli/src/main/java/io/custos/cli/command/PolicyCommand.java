package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CliException;
import io.custos.cli.CommandGroup;
import io.custos.cli.ExitCodes;
import io.custos.cli.output.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The policy: read the active one, its history, propose a change. */
@Command(
    name = "policy",
    description = "Read the active policy, its history, and propose changes.",
    subcommands = {
      PolicyCommand.Show.class,
      PolicyCommand.History.class,
      PolicyCommand.Propose.class
    })
public final class PolicyCommand extends CommandGroup {

  @Command(name = "show", description = "Show the active policy: name, hash, document.")
  static final class Show extends CliCommand {

    @Override
    public Integer call() {
      JsonNode p = api().get("/api/v1/policy");
      if (out().json()) {
        out().json(p);
        return ExitCodes.OK;
      }
      out().fields(new String[][] {{"name", Text.at(p, "name")}, {"hash", Text.at(p, "hash")}});
      out().line("");
      out().line(Text.at(p, "document"));
      return ExitCodes.OK;
    }
  }

  @Command(name = "history", description = "List the policy's versions.")
  static final class History extends CliCommand {

    @Override
    public Integer call() {
      JsonNode versions = api().get("/api/v1/policy/versions");
      if (out().json()) {
        out().json(versions);
        return ExitCodes.OK;
      }
      JsonNode items = versions.has("items") ? versions.get("items") : versions;
      Table t = new Table("HASH", "NAME", "ACTIVATED", "BY", "GOVERNANCE REQUEST");
      for (JsonNode v : items) {
        t.row(
            Text.at(v, "hash"),
            Text.at(v, "name"),
            Text.time(Text.at(v, "activatedAt")),
            Text.at(v, "activatedBy"),
            Text.at(v, "governanceRequest"));
      }
      out().table(t);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "propose",
      description = "Propose a new policy document; prints the simulation of its effect.")
  static final class Propose extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "the policy document (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "Cannot read the policy", file.toString());
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("kind", "policy.change");
      body.put("policy", text);
      JsonNode g = api().post("/api/v1/governance/requests", body);
      if (out().json()) {
        out().json(g);
        return ExitCodes.OK;
      }
      out().line("policy change proposed for governance");
      GovernanceCommand.print(out(), g);
      JsonNode simulation = g.path("simulation");
      if (!simulation.isMissingNode() && !simulation.isNull()) {
        out().line("");
        out().line(out().bold("simulation"));
        out().line(simulation.isTextual() ? simulation.asText() : simulation.toPrettyString());
      }
      return ExitCodes.OK;
    }
  }
}
