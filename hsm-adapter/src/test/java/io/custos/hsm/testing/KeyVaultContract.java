package io.custos.hsm.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthAddress;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
import io.custos.hsm.KeyVault;
import io.custos.hsm.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The behaviour every {@link KeyVault} must show. Subclass it once per implementation and hand it
 * an open vault; tests create their own keys with unique labels, so they share one vault freely.
 *
 * <p>Signatures are checked with web3j's recovery, not with the vault's own verifier: an
 * independent verifier is the point of the check.
 */
public abstract class KeyVaultContract {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** The vault under test, open for the whole class. */
  protected abstract KeyVault vault();

  /** A label no other test of this JVM uses. */
  protected static String uniqueLabel(String base) {
    return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
  }

  /** The address web3j recovers from a signature over a digest. */
  public static EthAddress recoverAddress(Digest32 digest, EthSignature signature) {
    byte[] bytes = signature.toBytes65();
    Sign.SignatureData data =
        new Sign.SignatureData(
            bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
    try {
      BigInteger publicKey = Sign.signedMessageHashToKey(digest.bytes(), data);
      return EthAddress.parse(Keys.getAddress(publicKey));
    } catch (java.security.SignatureException e) {
      throw new AssertionError("web3j cannot recover a key from the signature", e);
    }
  }

  /** A random digest. */
  public static Digest32 randomDigest() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new Digest32(bytes);
  }

  @Test
  void generatesAKeyWhoseAddressIsTheHashOfItsPublicKey() {
    KeyInfo key = vault().generate(uniqueLabel("gen"));

    assertThat(key.publicKey().uncompressed()).hasSize(65).startsWith(0x04);
    String web3jAddress = Keys.getAddress(new BigInteger(1, key.publicKey().xy()));
    assertThat(key.address().hex()).isEqualTo(web3jAddress);
    assertThat(key.address().toString()).isEqualTo(Keys.toChecksumAddress(web3jAddress));
  }

  @Test
  void recordsWhenAKeyWasGenerated() {
    Instant before = Instant.now().minusMillis(1);
    KeyInfo key = vault().generate(uniqueLabel("time"));

    assertThat(key.created()).isBetween(before, Instant.now().plusMillis(1));
    assertThat(vault().list()).contains(key);
  }

  @Test
  void findsAGeneratedKeyByIdLabelAndAddress() {
    KeyInfo key = vault().generate(uniqueLabel("find"));

    assertThat(vault().find(KeyRef.id(key.id()))).contains(key);
    assertThat(vault().find(KeyRef.label(key.label()))).contains(key);
    assertThat(vault().find(KeyRef.address(key.address()))).contains(key);
  }

  @Test
  void aGeneratedKeyIsReportedAsBornOnTheTokenAndNeverExtractable() {
    KeyInfo key = vault().generate(uniqueLabel("origin"));

    assertThat(key.local()).isTrue();
    assertThat(key.neverExtractable()).isTrue();
    assertThat(key.alwaysSensitive()).isTrue();
    assertThat(key.bornOnToken()).isTrue();
    assertThat(vault().find(KeyRef.id(key.id()))).get().isEqualTo(key);
  }

  @Test
  void listsEveryGeneratedKey() {
    KeyInfo first = vault().generate(uniqueLabel("list"));
    KeyInfo second = vault().generate(uniqueLabel("list"));

    assertThat(vault().list()).contains(first, second);
  }

  @Test
  void refusesASecondKeyWithTheSameLabel() {
    String label = uniqueLabel("twice");
    vault().generate(label);

    assertThatThrownBy(() -> vault().generate(label))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> assertThat(e.reason()).isEqualTo(HsmException.Reason.LABEL_TAKEN));
  }

  @Test
  void findsNothingForUnknownKeys() {
    assertThat(vault().find(KeyRef.id(new KeyId("00ff00ff00ff")))).isEmpty();
    assertThat(vault().find(KeyRef.label(uniqueLabel("nobody")))).isEmpty();
    assertThat(vault().find(KeyRef.address(EthAddress.parse("0x" + "12".repeat(20))))).isEmpty();
  }

  @Test
  void signaturesHaveLowSAndRecoverToTheKeysAddress() {
    KeyInfo key = vault().generate(uniqueLabel("sign"));

    for (int i = 0; i < 50; i++) {
      Digest32 digest = randomDigest();
      EthSignature signature = vault().sign(key.id(), digest);

      assertThat(signature.s()).isLessThanOrEqualTo(Secp256k1.HALF_N);
      assertThat(recoverAddress(digest, signature)).isEqualTo(key.address());
    }
  }

  @Test
  void signsAnyThirtyTwoBytesIncludingDigestsAboveTheCurveOrder() {
    KeyInfo key = vault().generate(uniqueLabel("edge"));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);

    for (Digest32 digest : new Digest32[] {new Digest32(new byte[32]), new Digest32(ones)}) {
      assertThat(recoverAddress(digest, vault().sign(key.id(), digest))).isEqualTo(key.address());
    }
  }

  @Test
  void signingWithAnUnknownKeyFailsWithKeyNotFound() {
    assertThatThrownBy(() -> vault().sign(new KeyId("0badc0de"), randomDigest()))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> assertThat(e.reason()).isEqualTo(HsmException.Reason.KEY_NOT_FOUND));
  }

  @Test
  void refusesLabelsThatWouldNotSurviveAnHsm() {
    assertThatThrownBy(() -> vault().generate(" padded "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault().generate("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault().generate("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answersPingWhenHealthy() {
    vault().ping();
    assertThat(vault().list()).isNotNull();
  }
}
