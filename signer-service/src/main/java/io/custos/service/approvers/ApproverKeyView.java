package io.custos.service.approvers;

import java.time.Instant;

/**
 * An approver's device key as the API shows it.
 *
 * @param subject the approver's Keycloak subject
 * @param username the approver's username
 * @param address the key's address, lower-case hex
 * @param state PENDING (registration awaiting the admin quorum), ACTIVE or REVOKED
 * @param registeredAt when it became active, or null
 * @param revokedAt when it was revoked (or rotated out), or null
 */
public record ApproverKeyView(
    String subject,
    String username,
    String address,
    ApproverKeyState state,
    Instant registeredAt,
    Instant revokedAt) {}
