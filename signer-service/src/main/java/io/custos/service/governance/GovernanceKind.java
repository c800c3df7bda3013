package io.custos.service.governance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a governance request changes; {@link #wire} is the name the database, API and log use. */
public enum GovernanceKind {
  REGISTER_KEY("approver_key.register"),
  REVOKE_KEY("approver_key.revoke"),
  POLICY("policy.change"),
  ADDRESS_BOOK("address_book.change"),
  WALLET_TAGS("wallet.tags"),
  FREEZE_LIFT("freeze.lift");

  private final String wire;

  GovernanceKind(String wire) {
    this.wire = wire;
  }

  /** The name in {@code governance_request.kind}, the API and the audit log. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * The kind with this wire name.
   *
   * @throws IllegalArgumentException if none has it
   */
  static GovernanceKind fromWire(String wire) {
    return Arrays.stream(values())
        .filter(k -> k.wire.equals(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no governance kind " + wire));
  }

  /** True for a change to the policy document (a policy or address-book change). */
  boolean aboutPolicy() {
    return this == POLICY || this == ADDRESS_BOOK;
  }
}
