package io.custos.service.governance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/approvers/keys}.
 *
 * @param address the device key's address
 * @param typedData the KeyRegistration typed data handed out for it
 * @param signature the device key's signature over it, {@code 0x} + 65 bytes
 */
public record KeyRegistrationBody(String address, JsonNode typedData, String signature) {}
