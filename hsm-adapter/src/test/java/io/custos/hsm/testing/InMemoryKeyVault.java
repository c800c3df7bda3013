package io.custos.hsm.testing;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyLabels;
import io.custos.hsm.KeyRef;
import io.custos.hsm.KeyVault;
import io.custos.hsm.Secp256k1PublicKey;
import io.custos.hsm.secp256k1.Secp256k1;
import io.custos.hsm.secp256k1.Secp256k1Verifier;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * A {@link KeyVault} that keeps private keys in memory, for other modules' unit tests only.
 *
 * <p>It lives in the test sources (shipped as this module's test-jar), so production wiring can
 * never select it. It passes the same {@link KeyVaultContract} as the PKCS#11 vault and finishes
 * signatures through the same {@link Secp256k1Verifier}, so its outputs are what the HSM's are.
 */
public final class InMemoryKeyVault implements KeyVault {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(KeyInfo info, BigInteger privateKey, Secp256k1Verifier verifier) {}

  private final Map<KeyId, Entry> keys = new ConcurrentHashMap<>();
  private volatile boolean closed;

  @Override
  public synchronized KeyInfo generate(String label) {
    KeyLabels.requireValid(label);
    ensureOpen();
    if (keys.values().stream().anyMatch(e -> e.info().label().equals(label))) {
      throw new HsmException(Reason.LABEL_TAKEN, "a key labelled '" + label + "' exists");
    }
    BigInteger d;
    do {
      d = new BigInteger(256, RANDOM);
    } while (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0);
    KeyId id = KeyId.generate(Instant.now());
    Secp256k1PublicKey publicKey = Secp256k1.publicKeyOf(d);
    KeyInfo info =
        new KeyInfo(
            id,
            label,
            publicKey.address(),
            publicKey,
            id.createdAt().orElseThrow(),
            true,
            true,
            true);
    keys.put(info.id(), new Entry(info, d, new Secp256k1Verifier(publicKey)));
    return info;
  }

  @Override
  public List<KeyInfo> list() {
    ensureOpen();
    return keys.values().stream()
        .map(Entry::info)
        .sorted(Comparator.comparing(KeyInfo::label))
        .toList();
  }

  @Override
  public Optional<KeyInfo> find(KeyRef ref) {
    ensureOpen();
    return keys.values().stream().map(Entry::info).filter(ref::matches).findFirst();
  }

  @Override
  public EthSignature sign(KeyId keyId, Digest32 digest) {
    ensureOpen();
    Entry entry = keys.get(keyId);
    if (entry == null) {
      throw new HsmException(Reason.KEY_NOT_FOUND, "no key with id " + keyId);
    }
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(entry.privateKey(), DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest.bytes());
    return entry.verifier().complete(digest, rs[0], rs[1]);
  }

  @Override
  public void ping() {
    ensureOpen();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new HsmException(Reason.CLOSED, "the vault is closed");
    }
  }
}
