package io.custos.service.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code tx_request}, read-only: every write is a statement of {@link RequestRepository}
 * (an insert that must not fail on a duplicate key, guarded updates), so Hibernate never writes it.
 */
@Entity
@Immutable
@Table(name = "tx_request")
class RequestEntity {

  @Id UUID id;

  @Column(name = "idempotency_key")
  String idempotencyKey;

  @Column(name = "requester_subject")
  String requesterSubject;

  @Column(name = "body_sha256")
  byte[] bodySha256;

  @Column(name = "requester_username")
  String requesterUsername;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "requester_roles", columnDefinition = "text[]")
  String[] requesterRoles;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "requester_groups", columnDefinition = "text[]")
  String[] requesterGroups;

  @Column(name = "requester_service_account")
  boolean requesterServiceAccount;

  @Column(name = "wallet_id")
  UUID walletId;

  String kind;

  @Column(name = "to_address")
  String toAddress;

  @Column(name = "value_wei", columnDefinition = "numeric(78)")
  BigInteger valueWei;

  @Column(name = "token_symbol")
  String tokenSymbol;

  @Column(name = "token_address")
  String tokenAddress;

  @Column(name = "token_units", columnDefinition = "numeric(78)")
  BigInteger tokenUnits;

  /** What the policy counts DESTINATION usage by. */
  String destination;

  byte[] data;

  @Column(name = "max_fee_per_gas", columnDefinition = "numeric(78)")
  BigInteger maxFeePerGas;

  @Column(name = "max_priority_fee_per_gas", columnDefinition = "numeric(78)")
  BigInteger maxPriorityFeePerGas;

  String memo;

  String state;

  @Column(name = "decided_rule")
  String decidedRule;

  @Column(name = "policy_hash")
  String policyHash;

  /** The stored decision (jsonb), read as its JSON text. */
  @Column(columnDefinition = "jsonb")
  String explanation;

  @Column(name = "not_before")
  Instant notBefore;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "updated_at")
  Instant updatedAt;

  /** The original request this one speeds up or cancels, else null. */
  UUID replaces;

  /** The operator who asked for the replacement, else null. */
  @Column(name = "initiated_by")
  String initiatedBy;

  /** Failed attempts to sign and send it. */
  @Column(name = "send_attempts")
  int sendAttempts;

  /** Why the latest attempt to sign and send it failed, else null. */
  @Column(name = "send_error")
  String sendError;

  @Column(name = "last_attempt_at")
  Instant lastAttemptAt;

  @Column(name = "next_attempt_at")
  Instant nextAttemptAt;
}
