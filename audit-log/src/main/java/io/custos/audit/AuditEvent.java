package io.custos.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Something that happened and must be on the record, before the log gives it a sequence number.
 *
 * @param time when it happened; kept to the microsecond (PostgreSQL's precision)
 * @param type what kind of event it is
 * @param actor who caused it
 * @param subjects the ids it concerns (may be empty), in the caller's order
 * @param payload the details, canonical JSON
 */
public record AuditEvent(
    Instant time, EntryType type, Actor actor, List<SubjectId> subjects, Payload payload) {

  public AuditEvent {
    if (time == null || type == null || actor == null || subjects == null || payload == null) {
      throw new IllegalArgumentException("every field of an audit event is required");
    }
    time = time.truncatedTo(ChronoUnit.MICROS);
    subjects = List.copyOf(subjects);
    if (subjects.size() > 64) {
      throw new IllegalArgumentException("at most 64 subjects per entry");
    }
  }
}
