package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LOCAL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.secp256k1.Secp256k1;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.AttributeVector;

/** What the token itself reports about a key the vault generated. */
@ExtendWith(SoftHsmExtension.class)
class GeneratedKeyAttributesTest {

  private static Pkcs11KeyVault vault;
  private static RawToken raw;
  private static KeyInfo key;
  private static long privateHandle;

  @BeforeAll
  static void generate(SoftHsmToken token) throws Exception {
    vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1));
    raw = RawToken.open(token, token.label());
    key = vault.generate("attributes");
    privateHandle = KeyObjects.findPrivateKey(raw.session, key.id());
  }

  @AfterAll
  static void close() throws Exception {
    raw.close();
    vault.close();
  }

  @Test
  void privateKeyIsSensitiveAndHasNeverBeenExtractable() throws Exception {
    AttributeVector attrs =
        raw.session.getAttrValues(
            privateHandle,
            CKA_SENSITIVE,
            CKA_ALWAYS_SENSITIVE,
            CKA_NEVER_EXTRACTABLE,
            CKA_EXTRACTABLE,
            CKA_TOKEN,
            CKA_PRIVATE,
            CKA_SIGN,
            CKA_DERIVE,
            CKA_LOCAL);

    assertThat(attrs.sensitive()).isTrue();
    assertThat(attrs.alwaysSensitive()).isTrue();
    assertThat(attrs.neverExtractable()).isTrue();
    assertThat(attrs.extractable()).isFalse();
    assertThat(attrs.token()).isTrue();
    assertThat(attrs.private_()).isTrue();
    assertThat(attrs.sign()).isTrue();
    assertThat(attrs.derive()).isFalse();
    assertThat(attrs.local()).as("generated on the token").isTrue();
  }

  @Test
  void tokenRefusesToRevealThePrivateValue() {
    CK_ATTRIBUTE value = new CK_ATTRIBUTE();
    value.type = CKA_VALUE;

    assertThatThrownBy(
            () ->
                raw.module
                    .getPKCS11Module()
                    .C_GetAttributeValue(
                        raw.session.getSessionHandle(),
                        privateHandle,
                        new CK_ATTRIBUTE[] {value},
                        true))
        .isInstanceOfSatisfying(
            iaik.pkcs.pkcs11.wrapper.PKCS11Exception.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(CKR_ATTRIBUTE_SENSITIVE));
  }

  @Test
  void keyPairCarriesTheIdLabelAndSecp256k1Point() throws Exception {
    AttributeVector privateAttrs = raw.session.getAttrValues(privateHandle, CKA_ID, CKA_LABEL);
    long[] publics =
        raw.session.findObjectsSingle(AttributeVector.newPublicKey(CKK_EC).id(key.id().bytes()), 2);
    assertThat(publics).hasSize(1);
    AttributeVector publicAttrs =
        raw.session.getAttrValues(publics[0], CKA_EC_PARAMS, CKA_EC_POINT);

    assertThat(privateAttrs.id()).isEqualTo(key.id().bytes());
    assertThat(privateAttrs.label()).isEqualTo("attributes");
    assertThat(publicAttrs.ecParams()).isEqualTo(Secp256k1.ecParamsDer());
    assertThat(publicAttrs.ecPoint()).isEqualTo(key.publicKey().uncompressed());
  }
}
