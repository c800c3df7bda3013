package io.custos.service.request;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/requests/{id}/approvals}.
 *
 * @param verdict {@code approve} or {@code reject}
 * @param comment optional, at most 1024 characters
 * @param typedData the EIP-712 Approval from {@code GET /api/v1/requests/{id}/typed-data}
 * @param signature the approver's device signature over it, {@code 0x} + 65 bytes (r ‖ s ‖ v)
 */
public record ApprovalBody(String verdict, String comment, JsonNode typedData, String signature) {}
