package io.custos.hsm.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.hsm.EthAddress;
import io.custos.hsm.EthSignature;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.pkcs11.HsmSettings;
import io.custos.hsm.pkcs11.PinSource;
import io.custos.hsm.pkcs11.Pkcs11KeyVault;
import io.custos.hsm.pkcs11.TokenSelector;
import io.custos.hsm.pkcs11.TokenSettings;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;

/** Every payload signed by a SoftHSM2 key, then decoded and recovered by web3j alone. */
@ExtendWith(SoftHsmExtension.class)
class EthereumSignerTest {

  private static final String TO = "0x3535353535353535353535353535353535353535";
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private static final String TYPED_DATA =
      """
      {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
      {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
      "Mail":[{"name":"from","type":"address"},{"name":"contents","type":"string"}]},
      "primaryType":"Mail",
      "domain":{"name":"Custos","version":"1","chainId":1,
      "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
      "message":{"from":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","contents":"Hello"}}
      """;

  private static Pkcs11KeyVault vault;
  private static EthereumSigner signer;
  private static KeyInfo key;

  @BeforeAll
  static void open(SoftHsmToken token) throws Exception {
    Path pin = token.configFile().resolveSibling("eth.pin");
    Files.writeString(pin, token.userPin());
    vault =
        Pkcs11KeyVault.open(
            HsmSettings.of(
                token.modulePath(),
                new TokenSettings(
                    new TokenSelector.ByLabel(token.label()), new PinSource.File(pin)),
                2));
    signer = new EthereumSigner(vault);
    key = vault.generate("eth");
  }

  @AfterAll
  static void close() {
    vault.close();
  }

  @Test
  void eip1559TransactionDecodesWithTheKeysAddressAsSender() throws Exception {
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            1L,
            BigInteger.valueOf(7),
            BigInteger.valueOf(21_000),
            TO,
            BigInteger.TEN,
            GWEI,
            GWEI.multiply(BigInteger.valueOf(30)));

    SignedTransaction signed = signer.signTransaction(key.id(), tx, 1L);

    SignedRawTransaction decoded =
        (SignedRawTransaction) TransactionDecoder.decode(signed.rawHex());
    assertThat(signed.raw()[0]).as("type byte").isEqualTo((byte) 0x02);
    assertThat(EthAddress.parse(decoded.getFrom())).isEqualTo(key.address());
    assertThat(decoded.getNonce()).isEqualTo(BigInteger.valueOf(7));
    assertThat(signed.hash().bytes()).isEqualTo(Hash.sha3(signed.raw()));
  }

  @Test
  void legacyTransactionGetsEip155ReplayProtection() throws Exception {
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            BigInteger.ONE, GWEI, BigInteger.valueOf(21_000), TO, BigInteger.TEN);

    SignedTransaction signed = signer.signTransaction(key.id(), tx, 31337L);

    SignedRawTransaction decoded =
        (SignedRawTransaction) TransactionDecoder.decode(signed.rawHex());
    assertThat(EthAddress.parse(decoded.getFrom())).isEqualTo(key.address());
    assertThat(decoded.getChainId()).isEqualTo(31337L);
  }

  @Test
  void eip2930TransactionDecodesWithTheKeysAddressAsSender() throws Exception {
    RawTransaction tx =
        RawTransaction.createTransaction(
            5L,
            BigInteger.TWO,
            GWEI,
            BigInteger.valueOf(30_000),
            TO,
            BigInteger.ONE,
            "0x",
            List.of(
                new AccessListObject(
                    TO, List.of(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.ONE, 64)))));

    SignedTransaction signed = signer.signTransaction(key.id(), tx, 5L);

    SignedRawTransaction decoded =
        (SignedRawTransaction) TransactionDecoder.decode(signed.rawHex());
    assertThat(signed.raw()[0]).isEqualTo((byte) 0x01);
    assertThat(EthAddress.parse(decoded.getFrom())).isEqualTo(key.address());
  }

  @Test
  void refusesATypedTransactionForAnotherChain() {
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            1L, BigInteger.ZERO, BigInteger.valueOf(21_000), TO, BigInteger.TEN, GWEI, GWEI);

    assertThatThrownBy(() -> signer.signTransaction(key.id(), tx, 5L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chain 1");
  }

  @Test
  void personalMessageRecoversToTheKeysAddress() throws Exception {
    byte[] message = "Custos says hello".getBytes(StandardCharsets.UTF_8);

    EthSignature signature = signer.signPersonalMessage(key.id(), message);

    BigInteger publicKey = Sign.signedPrefixedMessageToKey(message, signatureData(signature));
    assertThat(Keys.getAddress(publicKey)).isEqualTo(key.address().hex());
  }

  @Test
  void typedDataRecoversToTheKeysAddress() throws Exception {
    EthSignature signature = signer.signTypedData(key.id(), TYPED_DATA);

    byte[] hash = new StructuredDataEncoder(TYPED_DATA).hashStructuredData();
    BigInteger publicKey = Sign.signedMessageHashToKey(hash, signatureData(signature));
    assertThat(Keys.getAddress(publicKey)).isEqualTo(key.address().hex());
  }

  @Test
  void refusesMalformedTypedData() {
    assertThatThrownBy(() -> signer.signTypedData(key.id(), "{\"types\": 1}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Sign.SignatureData signatureData(EthSignature signature) {
    byte[] bytes = signature.toBytes65();
    return new Sign.SignatureData(
        bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
  }
}
