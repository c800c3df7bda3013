package io.custos.service.request;

/**
 * The body of {@code POST /api/v1/requests/{id}/withdraw} (optional).
 *
 * @param reason why the requester withdraws it, at most 1024 characters; recorded in the audit log
 */
public record WithdrawBody(String reason) {}
