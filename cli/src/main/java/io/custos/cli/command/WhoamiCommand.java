package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.ExitCodes;
import picocli.CommandLine.Command;

/** Who the server thinks you are: {@code GET /api/v1/me}. */
@Command(name = "whoami", description = "Show who the server thinks you are (roles, groups).")
public final class WhoamiCommand extends CliCommand {

  @Override
  public Integer call() {
    JsonNode me = api().get("/api/v1/me");
    if (out().json()) {
      out().json(me);
      return ExitCodes.OK;
    }
    out()
        .fields(
            new String[][] {
              {"username", me.path("username").asText()},
              {"subject", me.path("subject").asText()},
              {"roles", Text.list(me.path("roles"))},
              {"groups", Text.list(me.path("groups"))},
              {"service account", me.path("serviceAccount").asBoolean() ? "yes" : "no"},
              {"server", settings().server().toString()}
            });
    return ExitCodes.OK;
  }
}
