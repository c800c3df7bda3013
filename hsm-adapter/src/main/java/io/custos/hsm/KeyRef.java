package io.custos.hsm;

import java.util.Objects;

/** How a caller names a key: by id, by label or by Ethereum address. */
public sealed interface KeyRef {

  /** Whether this reference names the key described by {@code info}. */
  boolean matches(KeyInfo info);

  /** The key with this {@code CKA_ID}. */
  static KeyRef id(KeyId id) {
    return new ById(id);
  }

  /** The key with this label. */
  static KeyRef label(String label) {
    return new ByLabel(label);
  }

  /** The key whose public key hashes to this address. */
  static KeyRef address(EthAddress address) {
    return new ByAddress(address);
  }

  /** By {@code CKA_ID}. */
  record ById(KeyId id) implements KeyRef {
    public ById {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public boolean matches(KeyInfo info) {
      return info.id().equals(id);
    }
  }

  /** By {@code CKA_LABEL}. */
  record ByLabel(String label) implements KeyRef {
    public ByLabel {
      KeyLabels.requireValid(label);
    }

    @Override
    public boolean matches(KeyInfo info) {
      return info.label().equals(label);
    }
  }

  /** By Ethereum address. */
  record ByAddress(EthAddress address) implements KeyRef {
    public ByAddress {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public boolean matches(KeyInfo info) {
      return info.address().equals(address);
    }
  }
}
