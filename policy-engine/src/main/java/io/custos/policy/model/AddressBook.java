package io.custos.policy.model;

import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import java.util.Map;
import java.util.Set;

/**
 * Named address lists, the denylist and token definitions.
 *
 * @param lists named lists, e.g. {@code vendors}
 * @param denylist addresses no intent may touch
 * @param tokens ERC-20 tokens by symbol
 */
public record AddressBook(
    Map<String, Set<Address>> lists, Set<Address> denylist, Map<String, Asset.Token> tokens) {
  public AddressBook {
    lists = Map.copyOf(lists);
    denylist = Set.copyOf(denylist);
    tokens = Map.copyOf(tokens);
  }
}
