package io.custos.service.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code approval}, read-only like {@link RequestEntity}. */
@Entity
@Immutable
@IdClass(ApprovalEntity.Key.class)
@Table(name = "approval")
class ApprovalEntity {

  /** The primary key: one row per approver and request. */
  static class Key implements Serializable {
    UUID requestId;
    String approverSubject;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Objects.equals(requestId, k.requestId)
          && java.util.Objects.equals(approverSubject, k.approverSubject);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(requestId, approverSubject);
    }
  }

  @Id
  @Column(name = "request_id")
  UUID requestId;

  @Id
  @Column(name = "approver_subject")
  String approverSubject;

  @Column(name = "approver_username")
  String approverUsername;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "approver_groups", columnDefinition = "text[]")
  String[] approverGroups;

  String verdict;

  String comment;

  @Column(name = "evidence_scheme")
  String evidenceScheme;

  @Column(name = "evidence_payload")
  String evidencePayload;

  Instant at;
}
