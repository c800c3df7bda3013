package io.custos.hsm.secp256k1;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.math.raw.Nat256;

/**
 * {@code u1·G + u2·Q} on secp256k1 with the GLV endomorphism and interleaved comb tables, in
 * Jacobian coordinates on 64-bit limbs ({@link Field64}).
 *
 * <p>secp256k1 has an efficient endomorphism {@code λ·(x, y) = (β·x, y)}. Bouncy Castle's
 * decomposition splits each scalar into {@code k = k1 + k2·λ (mod n)} with {@code |k1|, |k2| <
 * 2^128}, so {@code u1·G + u2·Q} becomes four half-length products {@code ±a1·G ± a2·λG ± b1·Q ±
 * b2·λQ}, each read from a comb table ({@link CombTable}) whose {@code λ} twin costs one field
 * multiplication per entry. The four combs share their doublings: {@code ceil(129/teeth)} of them
 * for the larger spacing, half of what a 256-bit comb needs; the additions stay at about {@code
 * 129/teeth} per table, all mixed (Jacobian + affine), a negative half only negating the added
 * point's y. Nothing is allocated per step. Not constant-time: it only ever handles public values
 * (signatures and public keys).
 */
final class FastEcmult {

  /**
   * The bits a table covers. Decomposed halves stay below 2^128 (the lattice bound is about
   * 0.64·2^128); one spare bit absorbs Bouncy Castle's rounding, and a wider half is refused.
   */
  static final int HALF_BITS = 129;

  private static final GLVEndomorphism GLV = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();
  private static final BigInteger P = Secp256k1.CURVE.getField().getCharacteristic();

  /** β with {@code λ·(x, y) = (β·x, y)}, read from Bouncy Castle's own map of G. */
  private static final BigInteger BETA = betaOf(Secp256k1.G);

  private FastEcmult() {}

  /**
   * An affine result as fully reduced little-endian limbs (in {@code [0, p)}); null stands for
   * infinity.
   */
  record Affine(long[] x, long[] y) {

    /** x as an integer. */
    BigInteger xValue() {
      return Field64.toBigInteger(x, 0);
    }

    /** y as an integer. */
    BigInteger yValue() {
      return Field64.toBigInteger(y, 0);
    }

    /** Whether y is odd: the recovery parity of a signature point. */
    boolean yOdd() {
      return (y[0] & 1) != 0;
    }
  }

  /** Comb tables for a point P and for λ·P, over half-length scalars. */
  record Tables(CombTable p, CombTable lambdaP) {

    /** Builds both tables: {@code 2^teeth} points with Bouncy Castle, then one map for λ·P. */
    static Tables of(ECPoint point, int teeth) {
      CombTable p = CombTable.of(point, teeth, HALF_BITS);
      return new Tables(p, p.mapX(BETA));
    }

    /** The bytes the two tables hold. */
    long bytes() {
      return 8L * (p.coords.length + lambdaP.coords.length);
    }
  }

  /**
   * Written once per multiplication, never read: it keeps the JIT from dropping the loads that pull
   * the table entries into the cache ahead of the arithmetic. A racy write of a value nobody reads
   * is harmless.
   */
  @SuppressWarnings("unused")
  private static long prefetched;

  /** Computes {@code u1·G + u2·Q}; null for the point at infinity. */
  static Affine sumOfTwo(Tables g, BigInteger u1, Tables q, BigInteger u2) {
    BigInteger[] a = GLV.decomposeScalar(u1.mod(Secp256k1.N));
    BigInteger[] b = GLV.decomposeScalar(u2.mod(Secp256k1.N));
    CombTable[] tables = {g.p(), g.lambdaP(), q.p(), q.lambdaP()};
    BigInteger[] halves = {a[0], a[1], b[0], b[1]};
    int[][] offsets = new int[4][];
    boolean[] negative = new boolean[4];
    int columns = 0;
    long touched = 0;
    for (int i = 0; i < 4; i++) {
      if (halves[i].bitLength() > HALF_BITS) {
        throw new IllegalStateException("GLV decomposition out of range");
      }
      negative[i] = halves[i].signum() < 0;
      offsets[i] = tables[i].offsets(Nat256.fromBigInteger(halves[i].abs()));
      touched += touch(tables[i].coords, offsets[i]);
      columns = Math.max(columns, tables[i].spacing);
    }
    prefetched = touched;
    Jacobian acc = new Jacobian();
    for (int col = columns - 1; col >= 0; col--) {
      acc.twice();
      for (int i = 0; i < 4; i++) {
        int[] tableOffsets = offsets[i];
        if (col < tableOffsets.length && tableOffsets[col] != 0) {
          acc.addAffine(tables[i].coords, tableOffsets[col], negative[i]);
        }
      }
    }
    return acc.toAffine();
  }

  /**
   * Reads the first and last long of every entry the multiplication will add: the loads are
   * independent, so the CPU fetches their cache lines in parallel, where the additions would
   * otherwise wait for them one by one. After a {@code C_Sign} the tables are mostly out of the
   * cache (the token's own work evicts them).
   */
  private static long touch(long[] coords, int[] offsets) {
    long sum = 0;
    for (int off : offsets) {
      sum += coords[off] + coords[off + CombTable.STRIDE - 1];
    }
    return sum;
  }

  private static BigInteger betaOf(ECPoint point) {
    ECPoint mapped = GLV.getPointMap().map(point.normalize()).normalize();
    BigInteger x = point.normalize().getAffineXCoord().toBigInteger();
    return mapped.getAffineXCoord().toBigInteger().multiply(x.modInverse(P)).mod(P);
  }

  /** A mutable Jacobian point (X/Z², Y/Z³) with its own scratch space, on {@link Field64}. */
  private static final class Jacobian {
    private final long[] x = new long[Field64.LIMBS];
    private final long[] y = new long[Field64.LIMBS];
    private final long[] z = new long[Field64.LIMBS];
    private boolean infinity = true;
    private final long[] t1 = new long[Field64.LIMBS];
    private final long[] t2 = new long[Field64.LIMBS];
    private final long[] t3 = new long[Field64.LIMBS];
    private final long[] t4 = new long[Field64.LIMBS];
    private final long[] t5 = new long[Field64.LIMBS];

    /** Doubling for a = 0: S = 4XY², M = 3X², X' = M² − 2S, Y' = M(S − X') − 8Y⁴, Z' = 2YZ. */
    void twice() {
      if (infinity) {
        return;
      }
      if (Field64.isZero(y)) {
        infinity = true;
        return;
      }
      Field64.square(y, t1); // Y²
      Field64.multiply(x, t1, t2); // X·Y²
      Field64.twice(t2, t2);
      Field64.twice(t2, t2); // S = 4XY²
      Field64.square(x, t3); // X²
      Field64.twice(t3, t4);
      Field64.add(t3, t4, t3); // M = 3X²
      Field64.multiply(y, z, z);
      Field64.twice(z, z); // Z' = 2YZ
      Field64.square(t3, x); // M²
      Field64.twice(t2, t4);
      Field64.subtract(x, t4, x); // X' = M² − 2S
      Field64.square(t1, t1); // Y⁴
      Field64.twice(t1, t1);
      Field64.twice(t1, t1);
      Field64.twice(t1, t1); // 8Y⁴
      Field64.subtract(t2, x, t2); // S − X'
      Field64.multiply(t3, t2, y);
      Field64.subtract(y, t1, y); // Y' = M(S − X') − 8Y⁴
    }

    /**
     * Adds the affine point at {@code off} in {@code table} (its negation if {@code negate}): U2 =
     * x2·Z², S2 = y2·Z³, H = U2 − X, R = S2 − Y; X' = R² − H³ − 2XH², Y' = R(XH² − X') − YH³, Z' =
     * ZH.
     */
    void addAffine(long[] table, int off, boolean negate) {
      if (infinity) {
        System.arraycopy(table, off, x, 0, Field64.LIMBS);
        System.arraycopy(table, off + Field64.LIMBS, y, 0, Field64.LIMBS);
        if (negate) {
          Field64.negate(y, y);
        }
        System.arraycopy(ONE, 0, z, 0, Field64.LIMBS);
        infinity = false;
        return;
      }
      Field64.square(z, t1); // Z²
      Field64.multiply(table, off, t1, t2); // U2
      Field64.multiply(t1, z, t1); // Z³
      Field64.multiply(table, off + Field64.LIMBS, t1, t1); // S2
      if (negate) {
        Field64.negate(t1, t1);
      }
      Field64.subtract(t2, x, t2); // H
      Field64.subtract(t1, y, t1); // R
      if (Field64.isZero(t2)) {
        if (Field64.isZero(t1)) {
          twice(); // the same point: a doubling, not an addition
        } else {
          infinity = true; // the negated point
        }
        return;
      }
      Field64.multiply(z, t2, z); // Z' = ZH
      Field64.square(t2, t3); // H²
      Field64.multiply(t3, t2, t4); // H³
      Field64.multiply(x, t3, t3); // XH²
      Field64.square(t1, x); // R²
      Field64.subtract(x, t4, x);
      Field64.twice(t3, t5);
      Field64.subtract(x, t5, x); // X' = R² − H³ − 2XH²
      Field64.subtract(t3, x, t3); // XH² − X'
      Field64.multiply(t1, t3, t3); // R(XH² − X')
      Field64.multiply(y, t4, t4); // YH³
      Field64.subtract(t3, t4, y); // Y'
    }

    /** One variable-time inversion (the values are public), then x = X/Z², y = Y/Z³. */
    Affine toAffine() {
      if (infinity) {
        return null;
      }
      long[] zInv = new long[Field64.LIMBS];
      Field64.invert(z, zInv);
      Field64.square(zInv, t1);
      long[] ax = new long[Field64.LIMBS];
      Field64.multiply(x, t1, ax);
      Field64.multiply(t1, zInv, t1);
      long[] ay = new long[Field64.LIMBS];
      Field64.multiply(y, t1, ay);
      Field64.reduceFully(ax);
      Field64.reduceFully(ay);
      return new Affine(ax, ay);
    }

    private static final long[] ONE = {1, 0, 0, 0};
  }
}
