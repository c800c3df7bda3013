package io.custos.service.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What an approver's device signs for a verdict on a request.
 *
 * @param typedData the EIP-712 document, as {@code eth_signTypedData_v4} takes it
 * @param digest its digest, {@code 0x} + 32 bytes, for devices that sign a hash
 * @param expiresAt when a signature over it stops being accepted
 */
public record TypedDataView(ObjectNode typedData, String digest, Instant expiresAt) {}
