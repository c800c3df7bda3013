package io.custos.cli.http;

import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a text/event-stream (the SSE format of the WHATWG HTML standard) line by line and hands
 * each complete event's {@code data} to a consumer. Comments and fields other than {@code data} are
 * skipped; multi-line data is joined with newlines.
 */
public final class EventStream {

  private EventStream() {}

  public static void read(Stream<String> lines, Consumer<String> onData) {
    StringBuilder data = new StringBuilder();
    lines.forEach(
        line -> {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              onData.accept(data.toString());
              data.setLength(0);
            }
          } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
              data.append('\n');
            }
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          }
        });
  }
}
