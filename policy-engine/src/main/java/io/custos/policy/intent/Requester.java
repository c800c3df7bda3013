package io.custos.policy.intent;

import java.util.Set;

/**
 * Who asks for a signature, as authenticated by the service.
 *
 * @param subject the stable identity (e.g. the OIDC {@code sub})
 * @param roles roles granted by the identity provider
 * @param groups groups the requester belongs to
 * @param serviceAccount true for a machine identity rather than a person
 */
public record Requester(
    String subject, Set<String> roles, Set<String> groups, boolean serviceAccount) {
  public Requester {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("requester subject is required");
    }
    roles = Set.copyOf(roles == null ? Set.of() : roles);
    groups = Set.copyOf(groups == null ? Set.of() : groups);
  }

  /** A person with the given groups and no roles. */
  public static Requester person(String subject, String... groups) {
    return new Requester(subject, Set.of(), Set.of(groups), false);
  }

  /** A service account with the given roles. */
  public static Requester service(String subject, String... roles) {
    return new Requester(subject, Set.of(roles), Set.of(), true);
  }
}
