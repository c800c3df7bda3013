package io.custos.hsm.secp256k1;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.junit.jupiter.api.Test;

/**
 * The GLV comb multiplication agrees with Bouncy Castle's generic one, edge scalars included:
 * Bouncy Castle's {@code sumOfTwoMultiplies} is the reference here, and its result is normalised
 * and compared coordinate by coordinate.
 */
class FastEcmultTest {

  private static final BigInteger N = Secp256k1.N;
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  private static final FastEcmult.Tables G = FastEcmult.Tables.of(Secp256k1.G, 8);

  @Test
  void agreesWithBouncyCastleOnRandomScalarsAndKeys() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 40; i++) {
      ECPoint q = Secp256k1.G.multiply(scalar(random)).normalize();
      FastEcmult.Tables table = FastEcmult.Tables.of(q, 5);
      BigInteger u1 = scalar(random);
      BigInteger u2 = scalar(random);

      assertAgree(table, q, u1, u2);
    }
  }

  @Test
  void agreesOnEdgeScalars() {
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(7)).normalize();
    FastEcmult.Tables table = FastEcmult.Tables.of(q, 6);
    for (BigInteger u1 : edgeScalars()) {
      for (BigInteger u2 : edgeScalars()) {
        assertAgree(table, q, u1, u2);
      }
    }
  }

  @Test
  void agreesWhereTheGlvHalvesAreLargestOrNegative() {
    // λ·2^127 and its neighbours split into halves near the 2^128 bound and of both signs.
    GLVEndomorphism glv = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();
    BigInteger lambda = lambda();
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(11)).normalize();
    FastEcmult.Tables table = FastEcmult.Tables.of(q, 6);
    List<BigInteger> scalars = new ArrayList<>();
    for (BigInteger half : List.of(TWO_128.subtract(BigInteger.ONE), TWO_128.shiftRight(1))) {
      scalars.add(half.multiply(lambda).mod(N));
      scalars.add(half.negate().multiply(lambda).mod(N));
      scalars.add(half.add(half.multiply(lambda)).mod(N));
      scalars.add(half.negate().subtract(half.multiply(lambda)).mod(N));
    }
    int widest = 0;
    boolean sawNegative = false;
    for (BigInteger u : scalars) {
      for (BigInteger part : glv.decomposeScalar(u)) {
        widest = Math.max(widest, part.bitLength());
        sawNegative |= part.signum() < 0;
      }
      assertAgree(table, q, u, N.subtract(u));
      assertAgree(table, q, N.subtract(u), u);
    }
    assertThat(widest).isBetween(127, FastEcmult.HALF_BITS);
    assertThat(sawNegative).isTrue();
  }

  @Test
  void handlesSumsThatDoubleOrCancel() {
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(3)).normalize();
    FastEcmult.Tables table = FastEcmult.Tables.of(q, 6);

    // 3·G + 1·Q = 6·G: an addition meets an equal point; (n-3)·G + 1·Q = infinity.
    assertAgree(table, q, BigInteger.valueOf(3), BigInteger.ONE);
    assertThat(FastEcmult.sumOfTwo(G, N.subtract(BigInteger.valueOf(3)), table, BigInteger.ONE))
        .isNull();
  }

  @Test
  void lambdaTableHoldsLambdaTimesThePoint() {
    ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(5)).normalize();
    FastEcmult.Tables table = FastEcmult.Tables.of(q, 4);
    ECPoint lambdaQ = q.multiply(lambda()).normalize();
    long[] coords = table.lambdaP().coords;

    assertThat(Field64.toBigInteger(coords, CombTable.STRIDE))
        .isEqualTo(lambdaQ.getAffineXCoord().toBigInteger());
    assertThat(Field64.toBigInteger(coords, CombTable.STRIDE + Field64.LIMBS))
        .isEqualTo(lambdaQ.getAffineYCoord().toBigInteger());
  }

  private static List<BigInteger> edgeScalars() {
    BigInteger nMinus1 = N.subtract(BigInteger.ONE);
    return List.of(
        BigInteger.ZERO,
        BigInteger.ONE,
        BigInteger.TWO,
        nMinus1,
        Secp256k1.HALF_N,
        TWO_128.subtract(BigInteger.ONE),
        TWO_128,
        TWO_128.add(BigInteger.ONE),
        N.subtract(TWO_128));
  }

  /** λ with λ³ = 1 (mod n), the one Bouncy Castle's map applies: λ·G = map(G). */
  private static BigInteger lambda() {
    BigInteger root =
        new BigInteger("5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", 16);
    GLVEndomorphism glv = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();
    ECPoint mapped = glv.getPointMap().map(Secp256k1.G).normalize();
    BigInteger lambda =
        Secp256k1.G.multiply(root).normalize().equals(mapped) ? root : root.multiply(root).mod(N);
    assertThat(Secp256k1.G.multiply(lambda).normalize()).isEqualTo(mapped);
    return lambda;
  }

  private static void assertAgree(
      FastEcmult.Tables table, ECPoint q, BigInteger u1, BigInteger u2) {
    ECPoint expected = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, q, u2).normalize();
    FastEcmult.Affine actual = FastEcmult.sumOfTwo(G, u1, table, u2);
    if (expected.isInfinity()) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual.xValue()).isEqualTo(expected.getAffineXCoord().toBigInteger());
      assertThat(actual.yValue()).isEqualTo(expected.getAffineYCoord().toBigInteger());
      assertThat(actual.yOdd()).isEqualTo(expected.getAffineYCoord().testBitZero());
    }
  }

  private static BigInteger scalar(ThreadLocalRandom random) {
    return new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }
}
