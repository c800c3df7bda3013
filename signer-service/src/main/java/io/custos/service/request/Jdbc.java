package io.custos.service.request;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/** Plain JDBC on the current transaction's connection, for the statements JPA cannot express. */
final class Jdbc {

  private Jdbc() {}

  /** Runs {@code work} on the transaction's connection, after flushing pending JPA changes. */
  static <T> T work(EntityManager em, ReturningWork<T> work) {
    Session session = em.unwrap(Session.class);
    session.flush();
    return session.doReturningWork(work);
  }

  /** The ids the first column of {@code sql} returns. */
  static List<UUID> uuids(EntityManager em, String sql, Object... params) {
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

  static OffsetDateTime time(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static BigDecimal decimal(BigInteger v) {
    return v == null ? null : new BigDecimal(v);
  }
}
