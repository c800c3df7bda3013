package io.custos.service.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code policy_activation} table: every version the service has run with, the newest being the
 * active one. Callers own the transaction.
 */
@ApplicationScoped
class PolicyVersions {

  /**
   * A version with its document (null for rows written before documents were kept).
   *
   * @param view what the API shows of it
   * @param document the document text
   */
  record Version(PolicyVersionView view, String document) {}

  private static final String COLUMNS =
      "SELECT hash, name, activated_at, activated_by, governance_request_id, document"
          + " FROM policy_activation";

  private final EntityManager em;

  PolicyVersions(EntityManager em) {
    this.em = em;
  }

  /** Serializes activations (startup and governance) across instances. */
  void lock() {
    em.createNativeQuery("LOCK TABLE policy_activation IN EXCLUSIVE MODE").executeUpdate();
  }

  /** The hash of the active version: one indexed row, cheap enough to read before each decision. */
  Optional<String> activeHash() {
    List<?> rows =
        em.createNativeQuery("SELECT hash FROM policy_activation ORDER BY seq DESC LIMIT 1")
            .getResultList();
    return rows.stream().map(String.class::cast).findFirst();
  }

  Optional<Version> active() {
    return versions(COLUMNS + " ORDER BY seq DESC LIMIT 1").stream().findFirst();
  }

  /** Newest first. */
  List<PolicyVersionView> list() {
    return versions(COLUMNS + " ORDER BY seq DESC").stream().map(Version::view).toList();
  }

  void insert(String hash, String name, String document, UUID governanceRequest, Instant at) {
    em.createNativeQuery(
            "INSERT INTO policy_activation (hash, name, document, activated_by,"
                + " governance_request_id, activated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, hash)
        .setParameter(2, name)
        .setParameter(3, document)
        .setParameter(4, governanceRequest == null ? "file" : "governance")
        .setParameter(5, governanceRequest)
        .setParameter(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .executeUpdate();
  }

  private List<Version> versions(String sql) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(sql, Object[].class).getResultList();
    return rows.stream()
        .map(
            r ->
                new Version(
                    new PolicyVersionView(
                        (String) r[0], (String) r[1], instant(r[2]), (String) r[3], (UUID) r[4]),
                    (String) r[5]))
        .toList();
  }

  private static Instant instant(Object o) {
    return switch (o) {
      case Instant i -> i;
      case OffsetDateTime t -> t.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      default -> throw new IllegalStateException("unexpected time type " + o.getClass());
    };
  }
}
