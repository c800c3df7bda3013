package io.custos.policy.intent;

import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import java.util.Map;

/**
 * The parts of EIP-712 typed data that rules match on. The service parses the JSON; top-level
 * message fields arrive as strings (addresses as hex, integers in decimal).
 *
 * @param domainChainId the domain's chain id, null when the domain has none
 * @param verifyingContract the domain's verifying contract, null when the domain has none
 * @param domainName the domain's name, empty when absent
 * @param primaryType the primary type, e.g. {@code Permit}
 * @param message the message's top-level fields
 */
public record TypedData(
    ChainId domainChainId,
    Address verifyingContract,
    String domainName,
    String primaryType,
    Map<String, String> message) {
  public TypedData {
    domainName = domainName == null ? "" : domainName;
    if (primaryType == null || primaryType.isBlank()) {
      throw new IllegalArgumentException("typed data needs a primary type");
    }
    message = Map.copyOf(message == null ? Map.of() : message);
  }
}
