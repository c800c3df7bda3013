package io.custos.service.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the identity provider vouched for it: what the policy engine sees as the
 * requester or approver.
 *
 * @param subject the stable subject id ({@code sub})
 * @param username the human-readable name ({@code preferred_username})
 * @param roles realm roles (requester, approver, admin, auditor, operator)
 * @param groups top-level groups by name (treasury), nested ones by full path (/other/treasury)
 * @param serviceAccount true for a client-credentials token of an automation client (its {@code
 *     client_id} claim)
 */
public record Caller(
    String subject,
    String username,
    Set<String> roles,
    Set<String> groups,
    boolean serviceAccount) {

  public Caller {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
