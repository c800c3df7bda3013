package io.custos.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  @Test
  void eachEventsDataIsHandedOverAtItsBlankLine() {
    List<String> seen = new ArrayList<>();
    EventStream.read(
        Stream.of(
            ": keep-alive",
            "",
            "event: request",
            "id: 7",
            "data: {\"id\":\"a\",\"state\":\"SIGNED\"}",
            "",
            "event: request",
            "data:{\"x\":",
            "data: 1}",
            ""),
        seen::add);
    assertThat(seen).containsExactly("{\"id\":\"a\",\"state\":\"SIGNED\"}", "{\"x\":\n1}");
  }
}
