package io.custos.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample events for tests. */
public final class Events {

  private Events() {}

  /** A distinct, realistic event numbered {@code i}. */
  public static AuditEvent sample(long i) {
    return new AuditEvent(
        Instant.parse("2026-01-01T00:00:00Z").plusMillis(i),
        new EntryType(i % 2 == 0 ? "request.submitted" : "transaction.signed"),
        new Actor("user:alice"),
        List.of(new SubjectId("request:" + i), new SubjectId("key:treasury-1")),
        Payload.of(
            Map.of(
                "n", i,
                "to", "0x00000000000000000000000000000000000000aa",
                "valueWei", "1000000000000000000",
                "note", "caf\u00e9 \"quoted\"\n")));
  }
}
