package io.custos.service.freeze;

/**
 * The body of {@code POST /api/v1/freezes}.
 *
 * @param wallet the label of the wallet to freeze, or null to freeze every wallet
 * @param reason why, 1 to 1024 characters: it is on the audit log and shown to everyone
 */
public record FreezeBody(String wallet, String reason) {}
