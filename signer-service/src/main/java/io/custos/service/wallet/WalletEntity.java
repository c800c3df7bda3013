package io.custos.service.wallet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code wallet}; stays inside the wallet package (the API sees {@link WalletView}). */
@Entity
@Table(name = "wallet")
class WalletEntity {

  @Id UUID id;

  @Column(nullable = false, unique = true)
  String label;

  @Column(nullable = false, unique = true)
  String address;

  @Column(name = "key_id", nullable = false, unique = true)
  String keyId;

  @Column(name = "chain_id", nullable = false)
  long chainId;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  String[] tags;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "created_by", nullable = false)
  String createdBy;

  WalletView view() {
    return new WalletView(
        id, label, address, chainId, java.util.List.of(tags), createdAt, createdBy);
  }
}
