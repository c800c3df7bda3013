package io.custos.service.approvals;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device signature that was checked: the typed data as the service built it (equal to what the
 * client signed), the signature, the address it recovers to, and the digest.
 *
 * @param typedData the EIP-712 document
 * @param signature {@code 0x} + 65 bytes
 * @param signer the recovered address, lower-case hex
 * @param digest the EIP-712 digest, {@code 0x} + 32 bytes
 */
public record VerifiedSignature(
    ObjectNode typedData, String signature, String signer, String digest) {}
