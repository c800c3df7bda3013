package io.custos.service.governance;

/**
 * The body of {@code POST /api/v1/governance/requests}.
 *
 * @param kind {@code policy.change} or {@code address_book.change}; the service classifies the
 *     change itself (only the address book differs, or more), so either names a proposed document
 * @param policy the proposed policy document, YAML or JSON
 */
public record GovernanceProposalBody(String kind, String policy) {}
