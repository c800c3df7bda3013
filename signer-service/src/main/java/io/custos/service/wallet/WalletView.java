package io.custos.service.wallet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A wallet as the API shows it.
 *
 * @param id the wallet's id
 * @param label the operator's name for it, unique, used in URLs and the CLI
 * @param address the EIP-55 address of its HSM key
 * @param chainId the chain it transacts on
 * @param tags labels policies can match on
 * @param createdAt when it was created
 * @param createdBy who created it (the admin's username)
 */
public record WalletView(
    UUID id,
    String label,
    String address,
    long chainId,
    List<String> tags,
    Instant createdAt,
    String createdBy) {}
