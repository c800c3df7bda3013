package io.custos.audit;

import io.custos.audit.checkpoint.CheckpointKey;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.checkpoint.EcdsaSignature;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** A software secp256k1 checkpoint key for tests; the service uses an HSM key instead. */
public final class SoftwareSigner implements CheckpointSigner {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  private final String name;
  private final ECPrivateKeyParameters privateKey;
  private final CheckpointKey publicKey;

  private SoftwareSigner(String name, AsymmetricCipherKeyPair pair) {
    this.name = name;
    this.privateKey = (ECPrivateKeyParameters) pair.getPrivate();
    this.publicKey =
        new CheckpointKey(((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false));
  }

  /** A fresh random key. */
  public static SoftwareSigner generate(String name) {
    ECKeyPairGenerator gen = new ECKeyPairGenerator();
    gen.init(new ECKeyGenerationParameters(DOMAIN, new SecureRandom()));
    return new SoftwareSigner(name, gen.generateKeyPair());
  }

  @Override
  public String keyName() {
    return name;
  }

  @Override
  public CheckpointKey publicKey() {
    return publicKey;
  }

  @Override
  public EcdsaSignature sign(byte[] sha256Digest) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(sha256Digest);
    return new EcdsaSignature(rs[0], rs[1], -1);
  }
}
