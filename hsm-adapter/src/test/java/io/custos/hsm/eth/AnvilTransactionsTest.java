package io.custos.hsm.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custos.hsm.EthAddress;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.pkcs11.HsmSettings;
import io.custos.hsm.pkcs11.PinSource;
import io.custos.hsm.pkcs11.Pkcs11KeyVault;
import io.custos.hsm.pkcs11.TokenSelector;
import io.custos.hsm.pkcs11.TokenSettings;
import io.custos.testsupport.AnvilExtension;
import io.custos.testsupport.AnvilNode;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** Transactions signed inside SoftHSM2, mined by anvil with the HSM key's address as sender. */
@ExtendWith({SoftHsmExtension.class, AnvilExtension.class})
class AnvilTransactionsTest {

  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final String RECIPIENT = "0x000000000000000000000000000000000000c057";

  private static Pkcs11KeyVault vault;
  private static EthereumSigner signer;
  private static Web3j web3j;
  private static AnvilNode node;

  @BeforeAll
  static void open(SoftHsmToken token, AnvilNode anvil) throws Exception {
    node = anvil;
    Path pin = token.configFile().resolveSibling("anvil.pin");
    Files.writeString(pin, token.userPin());
    vault =
        Pkcs11KeyVault.open(
            HsmSettings.of(
                token.modulePath(),
                new TokenSettings(
                    new TokenSelector.ByLabel(token.label()), new PinSource.File(pin)),
                2));
    signer = new EthereumSigner(vault);
    web3j = Web3j.build(new HttpService(node.rpcUrl().toString()));
  }

  @AfterAll
  static void close() {
    web3j.shutdown();
    vault.close();
  }

  @Test
  void eip1559TransactionFromAnHsmKeyIsMinedWithItsAddressAsSender() throws Exception {
    KeyInfo key = vault.generate("anvil-1559");
    fund(key.address());
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            node.chainId(),
            nonceOf(key.address()),
            BigInteger.valueOf(21_000),
            RECIPIENT,
            GWEI,
            GWEI,
            GWEI.multiply(BigInteger.valueOf(20)));

    TransactionReceipt receipt = send(signer.signTransaction(key.id(), tx, node.chainId()));

    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(EthAddress.parse(receipt.getFrom())).isEqualTo(key.address());
    Transaction mined =
        web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getResult();
    assertThat(mined.getType()).isEqualTo("0x2");
  }

  @Test
  void legacyEip155TransactionFromAnHsmKeyIsMinedWithItsAddressAsSender() throws Exception {
    KeyInfo key = vault.generate("anvil-legacy");
    fund(key.address());
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            nonceOf(key.address()),
            GWEI.multiply(BigInteger.valueOf(20)),
            BigInteger.valueOf(21_000),
            RECIPIENT,
            GWEI);

    TransactionReceipt receipt = send(signer.signTransaction(key.id(), tx, node.chainId()));

    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(EthAddress.parse(receipt.getFrom())).isEqualTo(key.address());
    Transaction mined =
        web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getResult();
    assertThat(mined.getChainId()).isEqualTo(node.chainId());
  }

  private static void fund(EthAddress address) throws Exception {
    Credentials dev = Credentials.create(node.accounts().get(0).privateKey());
    BigInteger nonce =
        web3j
            .ethGetTransactionCount(dev.getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            node.chainId(),
            nonce,
            BigInteger.valueOf(21_000),
            address.toString(),
            ETHER,
            GWEI,
            GWEI.multiply(BigInteger.valueOf(20)));
    byte[] signed = TransactionEncoder.signMessage(tx, node.chainId(), dev);
    EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(sent.hasError()).as("funding: %s", sent.getError()).isFalse();
    awaitReceipt(sent.getTransactionHash());
  }

  private static BigInteger nonceOf(EthAddress address) throws Exception {
    return web3j
        .ethGetTransactionCount(address.toString(), DefaultBlockParameterName.PENDING)
        .send()
        .getTransactionCount();
  }

  private static TransactionReceipt send(SignedTransaction signed) throws Exception {
    EthSendTransaction sent = web3j.ethSendRawTransaction(signed.rawHex()).send();
    assertThat(sent.hasError())
        .as("send: %s", sent.hasError() ? sent.getError().getMessage() : "")
        .isFalse();
    assertThat(sent.getTransactionHash()).isEqualTo(signed.hash().toString());
    return awaitReceipt(sent.getTransactionHash());
  }

  /** Anvil mines each transaction as it arrives; the receipt may still lag the send a little. */
  private static TransactionReceipt awaitReceipt(String hash) {
    return await()
        .alias("a receipt for " + hash)
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt(),
            Optional::isPresent)
        .get();
  }
}
