package io.custos.service.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The one helper repositories use for the SQL that JPA cannot express: native queries with
 * positional parameters on the current transaction, plain JDBC on its connection, and the
 * conversions between PostgreSQL's column types and ours. SQL itself stays in the repositories.
 */
public final class Sql {

  private Sql() {}

  /** The rows of a native query, each as its columns; parameters bind to ?1, ?2, … in order. */
  public static List<Object[]> rows(EntityManager em, String sql, Object... params) {
    var q = em.createNativeQuery(sql, Object[].class);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows;
  }

  /** The one value of a native query that returns one row of one column (a lock, an id). */
  public static Object value(EntityManager em, String sql, Object... params) {
    return bind(em.createNativeQuery(sql), params).getSingleResult();
  }

  /** Runs a native INSERT, UPDATE or DELETE; parameters bind to ?1, ?2, … in order. */
  public static int update(EntityManager em, String sql, Object... params) {
    return bind(em.createNativeQuery(sql), params).executeUpdate();
  }

  private static Query bind(Query q, Object... params) {
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    return q;
  }

  /** Runs {@code work} on the transaction's connection, after flushing pending JPA changes. */
  public static <T> T work(EntityManager em, ReturningWork<T> work) {
    Session session = em.unwrap(Session.class);
    session.flush();
    return session.doReturningWork(work);
  }

  /** The ids the first column of {@code sql} returns, read with plain JDBC. */
  public static List<UUID> uuids(EntityManager em, String sql, Object... params) {
    return work(
        em,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              s.setObject(i + 1, params[i]);
            }
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
              }
            }
            return out;
          }
        });
  }

  /** A timestamptz column, whichever type the driver handed back; null stays null. */
  public static Instant instant(Object column) {
    return switch (column) {
      case null -> null;
      case Instant i -> i;
      case OffsetDateTime t -> t.toInstant();
      case Timestamp t -> t.toInstant();
      default -> throw new IllegalStateException("unexpected time type " + column.getClass());
    };
  }

  /** A text[] column as strings; null is empty. */
  public static String[] strings(Object column) {
    try {
      return switch (column) {
        case null -> new String[0];
        case String[] s -> s;
        case Object[] a -> Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
        case Array a -> (String[]) a.getArray();
        default -> throw new IllegalStateException("unexpected array type " + column.getClass());
      };
    } catch (SQLException e) {
      throw new IllegalStateException("reading a text[] failed", e);
    }
  }

  /** An instant as a timestamptz parameter; null stays null. */
  public static OffsetDateTime time(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** A big integer as a numeric parameter; null stays null. */
  public static BigDecimal decimal(BigInteger v) {
    return v == null ? null : new BigDecimal(v);
  }
}
