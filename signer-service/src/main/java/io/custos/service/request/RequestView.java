package io.custos.service.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transaction request as the API shows it. Amounts are decimal strings (wei, or whole tokens for
 * {@code amount}) so that no client loses precision.
 *
 * @param id the request id
 * @param state the request's state, or its transaction's once sent
 * @param wallet the signing wallet's label
 * @param kind native_transfer, erc20_transfer or contract_call
 * @param to the destination (the recipient of an ERC-20 transfer)
 * @param value wei
 * @param token the token symbol of an ERC-20 transfer, else null
 * @param amount the token amount in whole tokens, else null
 * @param tokenAddress the token contract of an ERC-20 transfer (the transaction's {@code to}), else
 *     null
 * @param data the calldata, {@code 0x} hex
 * @param maxFeePerGas the approved cap, or null
 * @param maxPriorityFeePerGas the approved cap, or null
 * @param memo the requester's note, or null
 * @param requester the requester's username
 * @param notBefore the release time once allowed, else null
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed state
 * @param decision the latest decision
 * @param approvals the verdicts given
 * @param transaction the transaction, once signed
 * @param replaces for a speed-up or cancel, the original request; else null
 * @param replacedBy the newest speed-up or cancel of this request that was not refused, else null
 * @param sendAttempts failed attempts to sign and send it
 * @param sendError why the latest attempt to sign and send it failed, else null
 * @param lastAttempt when that attempt failed, else null
 * @param nextAttempt when it is tried again (while approved and not signed), else null
 */
public record RequestView(
    UUID id,
    String state,
    String wallet,
    String kind,
    String to,
    String value,
    String token,
    String amount,
    String tokenAddress,
    String data,
    String maxFeePerGas,
    String maxPriorityFeePerGas,
    String memo,
    String requester,
    Instant notBefore,
    Instant createdAt,
    Instant updatedAt,
    DecisionView decision,
    List<ApprovalView> approvals,
    TransactionView transaction,
    UUID replaces,
    UUID replacedBy,
    int sendAttempts,
    String sendError,
    Instant lastAttempt,
    Instant nextAttempt) {}
