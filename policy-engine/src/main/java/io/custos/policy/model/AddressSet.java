package io.custos.policy.model;

import io.custos.policy.value.Address;
import java.util.List;
import java.util.Set;

/**
 * A set of addresses resolved from list names, token symbols and literal addresses, remembering
 * what it was written as so explanations can name the lists.
 *
 * @param sources the names and literals as written in the policy
 * @param addresses the resolved addresses
 */
public record AddressSet(List<String> sources, Set<Address> addresses) {
  public AddressSet {
    sources = List.copyOf(sources);
    addresses = Set.copyOf(addresses);
  }

  public boolean contains(Address address) {
    return address != null && addresses.contains(address);
  }

  @Override
  public String toString() {
    return String.join(", ", sources);
  }
}
