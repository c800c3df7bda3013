package io.custos.service.request;

/**
 * The body of {@code POST /api/v1/requests/{id}/approvals}.
 *
 * @param verdict {@code approve} or {@code reject}
 * @param comment optional, at most 1024 characters
 */
public record ApprovalBody(String verdict, String comment) {}
