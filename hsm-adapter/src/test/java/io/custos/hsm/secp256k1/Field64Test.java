package io.custos.hsm.secp256k1;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 64-bit-limb field arithmetic agrees with {@code BigInteger} modulo p, on random values and on
 * the carry edges: values at and just below p and 2^256 (partly reduced values may lie in [p,
 * 2^256)), and values whose limbs are all ones or zero.
 */
class Field64Test {

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger P = TWO_256.subtract(BigInteger.valueOf(0x1000003D1L));

  @Test
  void agreesWithBigIntegerOnRandomAndEdgeValues() {
    List<BigInteger> values = values();
    for (BigInteger a : values) {
      for (BigInteger b : values) {
        assertOperationsAgree(a, b);
      }
    }
  }

  @Test
  void chainsOfOperationsStayCorrect() {
    // Results feed the next operation, as in the point formulas: partly reduced inputs included.
    Random random = new Random(7);
    long[] x = limbs(new BigInteger(256, random));
    BigInteger expected = Field64.toBigInteger(x, 0);
    long[] y = limbs(new BigInteger(256, random));
    BigInteger other = Field64.toBigInteger(y, 0);
    for (int i = 0; i < 20_000; i++) {
      switch (i % 4) {
        case 0 -> {
          Field64.multiply(x, y, x);
          expected = expected.multiply(other).mod(P);
        }
        case 1 -> {
          Field64.subtract(x, y, x);
          expected = expected.subtract(other).mod(P);
        }
        case 2 -> {
          Field64.twice(x, x);
          expected = expected.shiftLeft(1).mod(P);
        }
        default -> {
          Field64.square(x, x);
          expected = expected.multiply(expected).mod(P);
        }
      }
      assertThat(Field64.toBigInteger(x, 0)).isEqualTo(expected);
    }
  }

  @Test
  void recognisesZeroInBothForms() {
    assertThat(Field64.isZero(limbs(BigInteger.ZERO))).isTrue();
    assertThat(Field64.isZero(limbs(P))).isTrue();
    assertThat(Field64.isZero(limbs(BigInteger.ONE))).isFalse();
    assertThat(Field64.isZero(limbs(P.subtract(BigInteger.ONE)))).isFalse();
    assertThat(Field64.isZero(limbs(P.add(BigInteger.ONE)))).isFalse();
  }

  @Test
  void reducesFullyIntoTheField() {
    for (BigInteger value : values()) {
      long[] limbs = limbs(value);

      Field64.reduceFully(limbs);

      BigInteger reduced = new BigInteger(1, toBytes(limbs));
      assertThat(reduced).isLessThan(P).isEqualTo(value.mod(P));
    }
  }

  private static byte[] toBytes(long[] limbs) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[31 - i] = (byte) (limbs[i / 8] >>> (8 * (i % 8)));
    }
    return bytes;
  }

  private static void assertOperationsAgree(BigInteger a, BigInteger b) {
    long[] r = new long[4];
    Field64.multiply(limbs(a), limbs(b), r);
    assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.multiply(b).mod(P));
    Field64.add(limbs(a), limbs(b), r);
    assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.add(b).mod(P));
    Field64.subtract(limbs(a), limbs(b), r);
    assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.subtract(b).mod(P));
    Field64.negate(limbs(a), r);
    assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.negate().mod(P));
    Field64.square(limbs(a), r);
    assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.multiply(a).mod(P));
    if (a.mod(P).signum() != 0) {
      Field64.invert(limbs(a), r);
      assertThat(Field64.toBigInteger(r, 0)).isEqualTo(a.modInverse(P));
    }
  }

  private static List<BigInteger> values() {
    List<BigInteger> values = new ArrayList<>();
    for (BigInteger base : List.of(BigInteger.ZERO, P, TWO_256)) {
      for (int delta = -3; delta <= 3; delta++) {
        BigInteger value = base.add(BigInteger.valueOf(delta));
        if (value.signum() >= 0 && value.compareTo(TWO_256) < 0) {
          values.add(value);
        }
      }
    }
    BigInteger ones64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    values.add(ones64);
    values.add(ones64.shiftLeft(64));
    values.add(ones64.shiftLeft(192));
    values.add(BigInteger.valueOf(0x1000003D1L));
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      values.add(new BigInteger(256, random));
    }
    return values;
  }

  private static long[] limbs(BigInteger value) {
    long[] limbs = new long[4];
    for (int i = 0; i < 4; i++) {
      limbs[i] = value.shiftRight(64 * i).longValue();
    }
    return limbs;
  }
}
