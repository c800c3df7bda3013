package io.custos.service.wallet;

import io.custos.hsm.KeyId;
import java.util.UUID;

/**
 * What the sending side needs to sign for a wallet.
 *
 * @param walletId the wallet
 * @param keyId its key in the HSM
 * @param address its EIP-55 address, the {@code from} of its transactions
 * @param chainId the chain it transacts on
 */
public record SigningKey(UUID walletId, KeyId keyId, String address, long chainId) {}
