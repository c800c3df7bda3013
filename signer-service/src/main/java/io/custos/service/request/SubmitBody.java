package io.custos.service.request;

/**
 * The body of {@code POST /api/v1/requests}. The kind follows from the fields: {@code token} and
 * {@code amount} make an ERC-20 transfer, {@code data} a contract call, else a native transfer.
 * Amounts are decimal strings so that no JSON number loses precision.
 *
 * @param wallet the wallet's label
 * @param to the recipient (ERC-20) or destination, {@code 0x} hex, EIP-55 when mixed case
 * @param value wei, decimal (native transfer, contract call)
 * @param token a token symbol of the policy's address book (ERC-20 transfer)
 * @param amount whole tokens, decimal, e.g. {@code 250.00} (ERC-20 transfer)
 * @param data calldata, {@code 0x} hex (contract call)
 * @param maxFeePerGas optional cap, wei
 * @param maxPriorityFeePerGas optional cap, wei
 * @param memo optional note for approvers, at most 256 characters
 */
public record SubmitBody(
    String wallet,
    String to,
    String value,
    String token,
    String amount,
    String data,
    String maxFeePerGas,
    String maxPriorityFeePerGas,
    String memo) {}
