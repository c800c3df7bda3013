package io.custos.hsm.eth;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.KeyId;
import io.custos.hsm.KeyVault;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction2930;
import org.web3j.crypto.transaction.type.TransactionType;

/**
 * Signs Ethereum payloads with keys of a {@link KeyVault}. Web3j does the encoding (RLP, the
 * EIP-191 prefix, EIP-712 hashing); the vault signs the 32-byte hash, so the key never leaves the
 * HSM. Thread-safe when the vault is.
 */
public final class EthereumSigner {

  private final KeyVault vault;

  /** A signer over this vault. */
  public EthereumSigner(KeyVault vault) {
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  /**
   * Signs a legacy, EIP-2930 or EIP-1559 transaction.
   *
   * @param chainId the chain the transaction is for; a legacy transaction gets EIP-155 replay
   *     protection with it, a typed one must carry the same chain id
   * @throws IllegalArgumentException for other transaction types or a chain id mismatch
   */
  public SignedTransaction signTransaction(KeyId key, RawTransaction transaction, long chainId) {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
    TransactionType type = transaction.getType();
    byte[] signed;
    if (type.isLegacy()) {
      byte[] payload = TransactionEncoder.encode(transaction, chainId);
      Sign.SignatureData signature = signatureData(vault.sign(key, keccak(payload)));
      signed =
          TransactionEncoder.encode(
              transaction, TransactionEncoder.createEip155SignatureData(signature, chainId));
    } else if (type.isEip1559() || type.isEip2930()) {
      long inside = ((Transaction2930) transaction.getTransaction()).getChainId();
      if (inside != chainId) {
        throw new IllegalArgumentException(
            "the transaction is for chain " + inside + ", not " + chainId);
      }
      // Typed transactions carry yParity; web3j derives it from v = 27 + yParity.
      byte[] payload = TransactionEncoder.encode(transaction);
      signed =
          TransactionEncoder.encode(transaction, signatureData(vault.sign(key, keccak(payload))));
    } else {
      throw new IllegalArgumentException("unsupported transaction type " + type);
    }
    return new SignedTransaction(signed, keccak(signed));
  }

  /**
   * Signs an EIP-191 version 0x45 personal message ({@code personal_sign}): the hash of {@code
   * "\x19Ethereum Signed Message:\n" + length + message}.
   */
  public EthSignature signPersonalMessage(KeyId key, byte[] message) {
    return vault.sign(key, new Digest32(Sign.getEthereumMessageHash(message)));
  }

  /**
   * Signs EIP-712 typed data given as the JSON of {@code eth_signTypedData_v4}.
   *
   * @throws IllegalArgumentException if the JSON is not valid typed data
   */
  public EthSignature signTypedData(KeyId key, String typedDataJson) {
    byte[] hash;
    try {
      hash = new StructuredDataEncoder(typedDataJson).hashStructuredData();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not valid EIP-712 typed data: " + e.getMessage(), e);
    }
    return vault.sign(key, new Digest32(hash));
  }

  private static Digest32 keccak(byte[] bytes) {
    return new Digest32(Hash.sha3(bytes));
  }

  private static Sign.SignatureData signatureData(EthSignature signature) {
    byte[] bytes = signature.toBytes65();
    return new Sign.SignatureData(
        bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
  }
}
