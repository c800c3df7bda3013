package io.custos.policy.intent;

import io.custos.policy.value.Address;
import java.util.Set;

/**
 * The wallet (signing key) an intent would be signed with.
 *
 * @param id the stable wallet id
 * @param label the human label
 * @param tags free-form tags used by rules, e.g. {@code hot}, {@code payouts}
 * @param address the wallet's account address
 */
public record Wallet(String id, String label, Set<String> tags, Address address) {
  public Wallet {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("wallet id is required");
    }
    label = label == null ? "" : label;
    tags = Set.copyOf(tags == null ? Set.of() : tags);
    if (address == null) {
      throw new IllegalArgumentException("wallet address is required");
    }
  }
}
