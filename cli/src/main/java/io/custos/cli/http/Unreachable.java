package io.custos.cli.http;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

/** Turns a failed connection into the CLI's exit 3 with a message naming what was not reached. */
final class Unreachable {

  private Unreachable() {}

  static CliException of(String what, URI url, IOException e) {
    String why =
        switch (e) {
          case HttpTimeoutException t -> "no answer in time";
          case ConnectException c -> "connection refused";
          default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    return new CliException(
        ExitCodes.UNREACHABLE,
        "Cannot reach " + what,
        url.getScheme() + "://" + url.getAuthority() + ": " + why,
        e);
  }

  static CliException interrupted() {
    Thread.currentThread().interrupt();
    return new CliException(ExitCodes.UNREACHABLE, "Interrupted", "the call was interrupted");
  }
}
