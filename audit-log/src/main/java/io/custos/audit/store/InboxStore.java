package io.custos.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.audit.Actor;
import io.custos.audit.AuditEntry;
import io.custos.audit.AuditEvent;
import io.custos.audit.EntryType;
import io.custos.audit.Payload;
import io.custos.audit.SubjectId;
import io.custos.audit.canonical.Jcs;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** SQL on {@code audit_inbox}: writers insert, the sequencer reads and removes. */
public final class InboxStore {

  private static final String INSERT =
      "INSERT INTO audit_inbox (recorded_at, entry_type, actor, subjects, payload)"
          + " VALUES (?, ?, ?, ?, ?) RETURNING id";
  private static final String INSERT_MANY =
      "INSERT INTO audit_inbox (recorded_at, entry_type, actor, subjects, payload)"
          + " SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[])";
  private static final String TAKE =
      "SELECT id, recorded_at, entry_type, actor, subjects, payload FROM audit_inbox"
          + " ORDER BY id LIMIT ?";
  private static final String DELETE = "DELETE FROM audit_inbox WHERE id = ANY (?)";

  private InboxStore() {}

  /** Inserts one event on the caller's connection (and so in its transaction); returns its id. */
  public static long insert(Connection c, AuditEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setTimestamp(1, Timestamp.from(e.time()));
      ps.setString(2, e.type().name());
      ps.setString(3, e.actor().id());
      ps.setString(4, AuditEntry.subjectsJson(e));
      ps.setString(5, e.payload().canonicalJson());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Inserts many events with one statement. */
  public static void insertAll(Connection c, List<AuditEvent> events) throws SQLException {
    int n = events.size();
    Timestamp[] times = new Timestamp[n];
    String[] types = new String[n];
    String[] actors = new String[n];
    String[] subjects = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEvent e = events.get(i);
      times[i] = Timestamp.from(e.time());
      types[i] = e.type().name();
      actors[i] = e.actor().id();
      subjects[i] = AuditEntry.subjectsJson(e);
      payloads[i] = e.payload().canonicalJson();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_MANY)) {
      ps.setArray(1, c.createArrayOf("timestamptz", times));
      ps.setArray(2, c.createArrayOf("text", types));
      ps.setArray(3, c.createArrayOf("text", actors));
      ps.setArray(4, c.createArrayOf("text", subjects));
      ps.setArray(5, c.createArrayOf("text", payloads));
      ps.executeUpdate();
    }
  }

  /** The oldest committed inbox events, at most {@code limit}, in id order. */
  public static List<InboxRow> take(Connection c, int limit) throws SQLException {
    List<InboxRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(TAKE)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new InboxRow(rs.getLong(1), event(rs)));
        }
      }
    }
    return rows;
  }

  /** Removes sequenced events; the database refuses unless each is on the log. */
  public static void delete(Connection c, long[] ids) throws SQLException {
    Long[] boxed = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      Array array = c.createArrayOf("bigint", boxed);
      ps.setArray(1, array);
      ps.executeUpdate();
    }
  }

  private static AuditEvent event(ResultSet rs) throws SQLException {
    List<SubjectId> subjects = new ArrayList<>();
    for (JsonNode s : Jcs.parse(rs.getString(5))) {
      subjects.add(new SubjectId(s.textValue()));
    }
    return new AuditEvent(
        rs.getTimestamp(2).toInstant(),
        new EntryType(rs.getString(3)),
        new Actor(rs.getString(4)),
        subjects,
        new Payload(rs.getString(6)));
  }
}
