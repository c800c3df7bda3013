package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;

import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
import io.custos.hsm.secp256k1.Secp256k1;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.xipki.pkcs11.wrapper.AttributeVector;

/**
 * A key someone with write access to the token imported (its private value known outside the token)
 * is reported as such, so the service can refuse to adopt it.
 */
@ExtendWith(SoftHsmExtension.class)
class PlantedKeyAttributesTest {

  @Test
  void anImportedKeyIsReportedAsNeitherLocalNorNeverExtractable(SoftHsmToken token)
      throws Exception {
    ECKeyPair planted = Keys.createEcKeyPair();
    byte[] id = {0x70, 0x6c, 0x61, 0x6e, 0x74};
    // the vault logs the module in; the raw session then acts as the logged-in user
    try (Pkcs11KeyVault login = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1));
        RawToken raw = RawToken.open(token, token.label())) {
      byte[] d = toBytes(planted.getPrivateKey(), 32);
      byte[] point = new byte[65];
      point[0] = 0x04;
      System.arraycopy(toBytes(planted.getPublicKey(), 64), 0, point, 1, 64);
      raw.session.createObject(
          AttributeVector.newPrivateKey(CKK_EC)
              .token(true)
              .private_(true)
              .sensitive(true)
              .extractable(false)
              .sign(true)
              .id(id)
              .label("custos:wallet:planted")
              .ecParams(Secp256k1.ecParamsDer())
              .value(d));
      raw.session.createObject(
          AttributeVector.newPublicKey(CKK_EC)
              .token(true)
              .verify(true)
              .id(id)
              .label("custos:wallet:planted")
              .ecParams(Secp256k1.ecParamsDer())
              .ecPoint(point));
    }
    try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1))) {
      KeyInfo key = vault.find(KeyRef.label("custos:wallet:planted")).orElseThrow();

      assertThat(key.address().hex()).isEqualTo(Keys.getAddress(planted));
      assertThat(key.local()).isFalse();
      assertThat(key.neverExtractable()).isFalse();
      assertThat(key.bornOnToken()).isFalse();
    }
  }

  private static byte[] toBytes(BigInteger n, int size) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[size];
    int from = Math.max(0, raw.length - size);
    System.arraycopy(raw, from, out, size - (raw.length - from), raw.length - from);
    return out;
  }
}
