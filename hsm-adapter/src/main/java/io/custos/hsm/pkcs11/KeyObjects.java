package io.custos.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LOCAL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;

import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.Secp256k1PublicKey;
import io.custos.hsm.secp256k1.Secp256k1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/** Reads and creates the key objects of one token, through one session. */
final class KeyObjects {

  private static final int MAX_OBJECTS = 100_000;

  private KeyObjects() {}

  /** A secp256k1 private key with its public key and the handle of the private object. */
  record Usable(KeyInfo info, long privateHandle) {}

  /** An EC private key the vault cannot use, kept so that asking for it gives a clear error. */
  record Unusable(KeyId id, String label, String why) {}

  /** Every EC private key on the token, usable or not. */
  record Scan(List<Usable> usable, List<Unusable> unusable) {}

  /**
   * Lists the token's EC key pairs with two searches (all public keys, all private keys) joined on
   * {@code CKA_ID}: a search costs time proportional to the objects on the token, so one search per
   * key would not scale to thousands of keys.
   */
  static Scan scan(Session session) throws PKCS11Exception {
    Map<KeyId, AttributeVector> publics = new HashMap<>();
    for (long handle :
        session.findObjectsSingle(AttributeVector.newPublicKey(CKK_EC), MAX_OBJECTS)) {
      AttributeVector attrs = session.getAttrValues(handle, CKA_ID, CKA_EC_PARAMS, CKA_EC_POINT);
      if (attrs.id() != null && attrs.id().length > 0) {
        publics.put(KeyId.of(attrs.id()), attrs);
      }
    }
    List<Usable> usable = new ArrayList<>();
    List<Unusable> unusable = new ArrayList<>();
    long[] privates = session.findObjectsSingle(AttributeVector.newPrivateKey(CKK_EC), MAX_OBJECTS);
    for (long handle : privates) {
      AttributeVector attrs =
          session.getAttrValues(
              handle, CKA_ID, CKA_LABEL, CKA_LOCAL, CKA_NEVER_EXTRACTABLE, CKA_ALWAYS_SENSITIVE);
      if (attrs.id() == null || attrs.id().length == 0 || attrs.id().length > 64) {
        continue; // without a usable CKA_ID the key cannot be named; a vendor artefact
      }
      KeyId id = KeyId.of(attrs.id());
      String label = attrs.label() == null ? "" : attrs.label();
      AttributeVector pub = publics.get(id);
      if (pub == null) {
        unusable.add(new Unusable(id, label, "no public key object with the same CKA_ID"));
      } else if (!Arrays.equals(pub.ecParams(), Secp256k1.ecParamsDer())) {
        unusable.add(new Unusable(id, label, "the key's curve is not secp256k1"));
      } else {
        try {
          usable.add(toUsable(id, label, pub.ecPoint(), handle, attrs));
        } catch (IllegalArgumentException e) {
          unusable.add(new Unusable(id, label, "its CKA_EC_POINT is not a secp256k1 point"));
        }
      }
    }
    return new Scan(List.copyOf(usable), List.copyOf(unusable));
  }

  /** The key, with its origin as the token reports it ({@code attrs} of the private key). */
  private static Usable toUsable(
      KeyId id, String label, byte[] point, long handle, AttributeVector attrs) {
    Secp256k1PublicKey publicKey = new Secp256k1PublicKey(point);
    return new Usable(
        new KeyInfo(
            id,
            label,
            publicKey.address(),
            publicKey,
            id.createdAt().orElse(null),
            Boolean.TRUE.equals(attrs.local()),
            Boolean.TRUE.equals(attrs.neverExtractable()),
            Boolean.TRUE.equals(attrs.alwaysSensitive())),
        handle);
  }

  /**
   * Generates a secp256k1 key pair inside the token. The private key is a token object, private,
   * sensitive and never extractable, usable only to sign: the token itself then reports it as
   * always sensitive and never extractable, which an auditor can check.
   */
  static Usable generate(Session session, KeyId id, String label) throws PKCS11Exception {
    KeyPairTemplate template = new KeyPairTemplate(CKK_EC);
    template
        .privateKey()
        .token(true)
        .private_(true)
        .sensitive(true)
        .extractable(false)
        .sign(true)
        .derive(false)
        .decrypt(false)
        .unwrap(false)
        .id(id.bytes())
        .label(label);
    template
        .publicKey()
        .token(true)
        .private_(false)
        .verify(true)
        .encrypt(false)
        .wrap(false)
        .ecParams(Secp256k1.ecParamsDer())
        .id(id.bytes())
        .label(label);
    PKCS11KeyPair pair = session.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), template);
    byte[] point =
        session.getAttrValues(pair.getPublicKey(), CKA_EC_PARAMS, CKA_EC_POINT).ecPoint();
    AttributeVector origin =
        session.getAttrValues(
            pair.getPrivateKey(), CKA_LOCAL, CKA_NEVER_EXTRACTABLE, CKA_ALWAYS_SENSITIVE);
    return toUsable(id, label, point, pair.getPrivateKey(), origin);
  }

  /** The handle of the private key with this {@code CKA_ID}, or -1. */
  static long findPrivateKey(Session session, KeyId id) throws PKCS11Exception {
    long[] found =
        session.findObjectsSingle(AttributeVector.newPrivateKey(CKK_EC).id(id.bytes()), 2);
    return found.length == 0 ? -1 : found[0];
  }
}
