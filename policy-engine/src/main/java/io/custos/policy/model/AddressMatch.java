package io.custos.policy.model;

import io.custos.policy.value.Address;
import java.util.List;
import java.util.Set;

/**
 * An address that must be in one set (when given) and not in another.
 *
 * @param in the allowed addresses, or null for any address
 * @param notIn the excluded addresses (possibly empty)
 */
public record AddressMatch(AddressSet in, AddressSet notIn) {
  /** Matches every address. */
  public static final AddressMatch ANY =
      new AddressMatch(null, new AddressSet(List.of(), Set.of()));

  public AddressMatch {
    if (notIn == null) {
      throw new IllegalArgumentException("notIn may be empty but not null");
    }
  }

  public boolean test(Address address) {
    return address != null && (in == null || in.contains(address)) && !notIn.contains(address);
  }

  /** Why {@code address} fails this match; call only when {@link #test} is false. */
  public String mismatch(String what, Address address) {
    if (address == null) {
      return what + " is absent";
    }
    if (in != null && !in.contains(address)) {
      return what + " " + address + " is not in [" + in + "]";
    }
    return what + " " + address + " is in excluded [" + notIn + "]";
  }

  /** How this match reads in an explanation. */
  public String describe() {
    String inPart = in == null ? "" : "in [" + in + "]";
    String notPart = notIn.sources().isEmpty() ? "" : "not in [" + notIn + "]";
    return (inPart + " " + notPart).strip();
  }
}
