package io.custos.service.governance;

/**
 * The body of {@code POST /api/v1/governance/requests/{id}/approvals}.
 *
 * @param verdict {@code approve} or {@code reject}
 * @param comment optional, at most 1024 characters
 */
public record GovernanceVerdictBody(String verdict, String comment) {}
