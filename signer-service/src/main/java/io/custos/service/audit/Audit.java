package io.custos.service.audit;

import io.custos.audit.Actor;
import io.custos.audit.AuditEvent;
import io.custos.audit.AuditLog;
import io.custos.audit.Payload;
import io.custos.audit.SubjectId;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Records what happened, in the caller's database transaction: the state change and its audit entry
 * commit together or not at all. Calling it outside a transaction is a programming error.
 */
@ApplicationScoped
public class Audit {

  /** The actor of what the service does by itself (signing, sending, following). */
  public static final String SYSTEM = "custos";

  /**
   * A person as every payload names one: {@code {subject, username, groups, serviceAccount}},
   * groups sorted so that equal callers give equal entries.
   */
  public static Map<String, Object> person(Caller c) {
    return Map.of(
        "subject", c.subject(),
        "username", c.username(),
        "groups", List.copyOf(new TreeSet<>(c.groups())),
        "serviceAccount", c.serviceAccount());
  }

  private final AuditLog log;
  private final DataSource ds;
  private final Clock clock;

  Audit(AuditLog log, DataSource ds, Clock clock) {
    this.log = log;
    this.ds = ds;
    this.clock = clock;
  }

  /**
   * Appends an entry to the audit inbox within the current transaction.
   *
   * @param type what happened, from the one catalogue of entry types
   * @param actor who did it (a username, or {@link #SYSTEM})
   * @param subjects the ids it concerns (wallet, request, transaction)
   * @param payload the details; amounts as decimal strings
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      AuditEntryType type, String actor, List<String> subjects, Map<String, ?> payload) {
    AuditEvent event =
        new AuditEvent(
            clock.instant(),
            type.type(),
            new Actor(actor),
            subjects.stream().map(SubjectId::new).toList(),
            Payload.of(payload));
    // Inside a JTA transaction the pool hands out the transaction's own connection, the one the
    // state change is written on; closing the handle does not end the transaction.
    try (Connection c = ds.getConnection()) {
      log.append(c, event);
    } catch (SQLException e) {
      throw new IllegalStateException("could not append to the audit log: " + e.getMessage(), e);
    }
  }
}
