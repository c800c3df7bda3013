/**
 * Ethereum payloads signed through the HSM port: transactions (legacy EIP-155, EIP-2930, EIP-1559),
 * EIP-191 personal messages and EIP-712 typed data. Web3j encodes; the vault signs.
 */
package io.custos.hsm.eth;
