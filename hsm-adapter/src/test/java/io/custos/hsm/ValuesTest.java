package io.custos.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.hsm.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void addressPrintsInEip55FormAndRefusesABadChecksum() {
    EthAddress address = EthAddress.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");

    assertThat(address).hasToString("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertThat(EthAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isEqualTo(address);
    assertThatThrownBy(() -> EthAddress.parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EIP-55");
  }

  @Test
  void generatedKeyIdIsAUuidV7CarryingItsCreationTime() {
    Instant now = Instant.ofEpochMilli(1_764_000_000_123L);

    KeyId id = KeyId.generate(now);

    assertThat(id.bytes()).hasSize(16);
    assertThat(id.hex().charAt(12)).isEqualTo('7');
    assertThat(id.createdAt()).contains(now);
    assertThat(new KeyId("0a0b").createdAt()).isEmpty();
  }

  @Test
  void keyIdRefusesNonHexAndNormalisesCase() {
    assertThat(new KeyId("ABCD")).isEqualTo(new KeyId("abcd"));
    assertThatThrownBy(() -> new KeyId("xyz0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyId("abc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void digestIsExactlyThirtyTwoBytesAndImmutable() {
    byte[] bytes = new byte[32];
    Digest32 digest = new Digest32(bytes);
    bytes[0] = 1;
    digest.bytes()[1] = 1;

    assertThat(digest.bytes()).containsOnly(0);
    assertThatThrownBy(() -> new Digest32(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signatureRefusesHighSAndEncodesVAsTwentySevenPlusParity() {
    BigInteger r = BigInteger.valueOf(5);

    assertThatThrownBy(() -> new EthSignature(r, Secp256k1.HALF_N.add(BigInteger.ONE), 0))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bytes = new EthSignature(r, BigInteger.TEN, 1).toBytes65();
    assertThat(bytes[31]).isEqualTo((byte) 5);
    assertThat(bytes[63]).isEqualTo((byte) 10);
    assertThat(bytes[64]).isEqualTo((byte) 28);
  }

  @Test
  void publicKeyMustLieOnTheCurve() {
    byte[] point = Secp256k1.publicKeyOf(BigInteger.TWO).uncompressed();
    point[64] ^= 1;

    assertThatThrownBy(() -> new Secp256k1PublicKey(point))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
