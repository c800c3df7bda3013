package io.custos.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The comb multiplication agrees with Bouncy Castle's generic one, edge scalars included. */
class FastEcmultTest {

  private static final CombTable G = CombTable.of(Secp256k1.G, 8);

  @Test
  void agreesWithBouncyCastleOnRandomScalarsAndKeys() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 50; i++) {
      ECPoint q = Secp256k1.G.multiply(scalar(random)).normalize();
      CombTable table = CombTable.of(q, 6);
      BigInteger u1 = scalar(random);
      BigInteger u2 = scalar(random);

      assertAgree(table, q, u1, u2);
    }
  }

  @Test
  void agreesOnEdgeScalars() {
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(7)).normalize();
    CombTable table = CombTable.of(q, 6);
    BigInteger nMinus1 = Secp256k1.N.subtract(BigInteger.ONE);
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, nMinus1, Secp256k1.HALF_N
    };
    for (BigInteger u1 : edges) {
      for (BigInteger u2 : edges) {
        assertAgree(table, q, u1, u2);
      }
    }
  }

  @Test
  void handlesSumsThatDoubleOrCancel() {
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(3)).normalize();
    CombTable table = CombTable.of(q, 6);

    // 3·G + 1·Q = 6·G: the last addition meets an equal point; (n-3)·G + 1·Q = infinity.
    assertAgree(table, q, BigInteger.valueOf(3), BigInteger.ONE);
    assertThat(
            FastEcmult.sumOfTwo(
                G, Secp256k1.N.subtract(BigInteger.valueOf(3)), table, BigInteger.ONE))
        .isNull();
  }

  private static void assertAgree(CombTable table, ECPoint q, BigInteger u1, BigInteger u2) {
    ECPoint expected = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, q, u2).normalize();
    FastEcmult.Affine actual = FastEcmult.sumOfTwo(G, u1, table, u2);
    if (expected.isInfinity()) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual.x()).isEqualTo(expected.getAffineXCoord().toBigInteger());
      assertThat(actual.y()).isEqualTo(expected.getAffineYCoord().toBigInteger());
    }
  }

  private static BigInteger scalar(ThreadLocalRandom random) {
    return new BigInteger(256, random)
        .mod(Secp256k1.N.subtract(BigInteger.ONE))
        .add(BigInteger.ONE);
  }
}
