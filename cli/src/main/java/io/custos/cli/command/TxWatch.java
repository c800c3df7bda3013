package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliCommand;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.http.Api;
import io.custos.cli.http.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Follows a request until it is final. Server-sent events ({@code GET /api/v1/requests/events})
 * wake it up as soon as the state changes; the request itself is always re-read, so a missed or
 * malformed event costs only a moment. Without the events endpoint it polls. A replaced request is
 * followed into its replacement.
 */
@Command(
    name = "watch",
    description =
        "Follow a request until it is final (exit 0 CONFIRMED, 1 DENIED/REJECTED/FAILED).")
public final class TxWatch extends CliCommand {

  private static final String[] SPINNER = {"|", "/", "-", "\\"};

  @Parameters(paramLabel = "ID", description = "the request id")
  String id;

  @Option(names = "--timeout", description = "give up after (ISO-8601 or e.g. 10m), default 10m")
  String timeout = "10m";

  @Option(names = "--interval", description = "poll interval without events, default 2s")
  String interval = "2s";

  private final BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
  private volatile Stream<String> events;
  private volatile boolean eventsLive;

  @Override
  public Integer call() throws InterruptedException {
    Duration limit = duration(timeout, "--timeout");
    Duration poll = duration(interval, "--interval");
    Api api = api();
    Instant start = clock().instant();
    String current = id;
    JsonNode r = api.get(path(current));
    progress(r);
    subscribe(api, current);
    int tick = 0;
    try {
      while (true) {
        String replacement = Text.at(r, "replacedBy");
        if (replacement != null) {
          out().note("request " + current + " was replaced by " + replacement + "; following it");
          current = replacement;
          subscribe(api, current);
          r = api.get(path(current));
          progress(r);
          continue;
        }
        String state = Text.at(r, "state");
        if (RequestStates.isFinal(state)) {
          break;
        }
        Duration waited = Duration.between(start, clock().instant());
        if (waited.compareTo(limit) > 0) {
          throw CliException.refused(
              "Still waiting", "request " + current + " is " + state + " after " + limit);
        }
        out()
            .spinner(
                SPINNER[tick++ % SPINNER.length] + " " + state + " " + waited.toSeconds() + "s");
        wakeups.poll(
            eventsLive ? Math.max(poll.toMillis(), 15_000) : poll.toMillis(),
            TimeUnit.MILLISECONDS);
        JsonNode next = api.get(path(current));
        if (!Objects.equals(Text.at(next, "state"), state)) {
          out().endSpinner();
          progress(next);
        }
        r = next;
      }
    } finally {
      out().endSpinner();
      unsubscribe();
    }
    if (out().json()) {
      out().json(r);
    } else {
      RequestText.summary(out(), r);
    }
    return RequestStates.isRefused(Text.at(r, "state")) ? ExitCodes.REFUSED : ExitCodes.OK;
  }

  private static String path(String requestId) {
    return "/api/v1/requests/" + Paths.segment(requestId);
  }

  /** One progress line on stderr: time, state, and the transaction once there is one. */
  private void progress(JsonNode r) {
    StringBuilder line = new StringBuilder();
    line.append(LocalTime.now(clock().withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS));
    line.append("  ").append(out().state(Text.at(r, "state")));
    JsonNode tx = r.path("transaction");
    if (!tx.isMissingNode() && !tx.isNull()) {
      line.append("  tx ")
          .append(Text.at(tx, "hash"))
          .append(" nonce ")
          .append(Text.at(tx, "nonce"));
      if (Text.at(tx, "blockNumber") != null) {
        line.append(" block ").append(Text.at(tx, "blockNumber"));
      }
    }
    out().note(line.toString());
  }

  /** Opens the event stream of one request, read on a daemon thread; polling if there is none. */
  private void subscribe(Api api, String requestId) {
    unsubscribe();
    Optional<Stream<String>> stream;
    try {
      stream = api.events("/api/v1/requests/events?id=" + Paths.query(requestId));
    } catch (CliException e) {
      stream = Optional.empty();
    }
    if (stream.isEmpty()) {
      return;
    }
    events = stream.get();
    eventsLive = true;
    Stream<String> mine = events;
    Thread reader =
        new Thread(
            () -> {
              try {
                EventStream.read(mine, wakeups::offer);
              } catch (RuntimeException e) {
                // The stream broke (closed by us, or by the server): polling takes over.
              } finally {
                eventsLive = false;
                wakeups.offer("closed");
              }
            },
            "custos-events");
    reader.setDaemon(true);
    reader.start();
  }

  private void unsubscribe() {
    Stream<String> s = events;
    events = null;
    eventsLive = false;
    if (s != null) {
      s.close();
    }
  }

  private Duration duration(String text, String option) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
      return switch (t.replaceAll("^[0-9]+", "")) {
        case "ms" -> Duration.ofMillis(n);
        case "", "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw usage(option + " must be a duration like 30s, 10m or PT1H, not '" + text + "'");
    }
  }
}
