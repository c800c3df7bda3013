package io.custos.hsm;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * {@code u1·G + u2·Q} on secp256k1 with two interleaved comb tables, in Jacobian coordinates on raw
 * field words: the doublings are shared by both tables, every addition is a mixed (Jacobian +
 * affine) one, and nothing is allocated per step. Bouncy Castle's {@code SecP256K1Field} does the
 * field arithmetic.
 *
 * <p>Cost for a table of {@code t} teeth: {@code ceil(256/t)} doublings (for the larger spacing)
 * and about {@code 256/t} additions per table, against 256 (or 128 with GLV) doublings for a
 * windowed method. Not constant-time: it only ever handles public values (signatures and public
 * keys).
 */
final class FastEcmult {

  private FastEcmult() {}

  /** An affine result, or infinity. */
  record Affine(BigInteger x, BigInteger y) {}

  /** Computes {@code u1·G + u2·Q}; null for the point at infinity. */
  static Affine sumOfTwo(CombTable g, BigInteger u1, CombTable q, BigInteger u2) {
    Jacobian acc = new Jacobian();
    int[] k1 = Nat256.fromBigInteger(u1);
    int[] k2 = Nat256.fromBigInteger(u2);
    int columns = Math.max(g.spacing, q.spacing);
    for (int col = columns - 1; col >= 0; col--) {
      acc.twice();
      if (col < g.spacing) {
        int index = g.index(k1, col);
        if (index != 0) {
          acc.addAffine(g.xs[index], g.ys[index]);
        }
      }
      if (col < q.spacing) {
        int index = q.index(k2, col);
        if (index != 0) {
          acc.addAffine(q.xs[index], q.ys[index]);
        }
      }
    }
    return acc.toAffine();
  }

  /** A mutable Jacobian point (X/Z², Y/Z³) with its own scratch space. */
  private static final class Jacobian {
    private final int[] x = Nat256.create();
    private final int[] y = Nat256.create();
    private final int[] z = Nat256.create();
    private boolean infinity = true;
    private final int[] t1 = Nat256.create();
    private final int[] t2 = Nat256.create();
    private final int[] t3 = Nat256.create();
    private final int[] t4 = Nat256.create();
    private final int[] t5 = Nat256.create();
    private final int[] tt = Nat256.createExt();

    /** Doubling for a = 0: S = 4XY², M = 3X², X' = M² − 2S, Y' = M(S − X') − 8Y⁴, Z' = 2YZ. */
    void twice() {
      if (infinity) {
        return;
      }
      if (Nat256.isZero(y)) {
        infinity = true;
        return;
      }
      SecP256K1Field.square(y, t1, tt); // Y²
      SecP256K1Field.multiply(x, t1, t2, tt); // X·Y²
      SecP256K1Field.twice(t2, t2);
      SecP256K1Field.twice(t2, t2); // S = 4XY²
      SecP256K1Field.square(x, t3, tt); // X²
      SecP256K1Field.twice(t3, t4);
      SecP256K1Field.add(t3, t4, t3); // M = 3X²
      SecP256K1Field.multiply(y, z, z, tt);
      SecP256K1Field.twice(z, z); // Z' = 2YZ
      SecP256K1Field.square(t3, x, tt); // M²
      SecP256K1Field.twice(t2, t4);
      SecP256K1Field.subtract(x, t4, x); // X' = M² − 2S
      SecP256K1Field.square(t1, t1, tt); // Y⁴
      SecP256K1Field.twice(t1, t1);
      SecP256K1Field.twice(t1, t1);
      SecP256K1Field.twice(t1, t1); // 8Y⁴
      SecP256K1Field.subtract(t2, x, t2); // S − X'
      SecP256K1Field.multiply(t3, t2, y, tt);
      SecP256K1Field.subtract(y, t1, y); // Y' = M(S − X') − 8Y⁴
    }

    /**
     * Adds an affine point: U2 = x2·Z², S2 = y2·Z³, H = U2 − X, R = S2 − Y; X' = R² − H³ − 2XH², Y'
     * = R(XH² − X') − YH³, Z' = ZH.
     */
    void addAffine(int[] x2, int[] y2) {
      if (infinity) {
        Nat256.copy(x2, x);
        Nat256.copy(y2, y);
        Nat256.copy(ONE, z);
        infinity = false;
        return;
      }
      SecP256K1Field.square(z, t1, tt); // Z²
      SecP256K1Field.multiply(x2, t1, t2, tt); // U2
      SecP256K1Field.multiply(t1, z, t1, tt); // Z³
      SecP256K1Field.multiply(y2, t1, t1, tt); // S2
      SecP256K1Field.subtract(t2, x, t2); // H
      SecP256K1Field.subtract(t1, y, t1); // R
      if (Nat256.isZero(t2)) {
        if (Nat256.isZero(t1)) {
          twice(); // the same point: a doubling, not an addition
        } else {
          infinity = true; // the negated point
        }
        return;
      }
      SecP256K1Field.multiply(z, t2, z, tt); // Z' = ZH
      SecP256K1Field.square(t2, t3, tt); // H²
      SecP256K1Field.multiply(t3, t2, t4, tt); // H³
      SecP256K1Field.multiply(x, t3, t3, tt); // XH²
      SecP256K1Field.square(t1, x, tt); // R²
      SecP256K1Field.subtract(x, t4, x);
      SecP256K1Field.twice(t3, t5);
      SecP256K1Field.subtract(x, t5, x); // X' = R² − H³ − 2XH²
      SecP256K1Field.subtract(t3, x, t3); // XH² − X'
      SecP256K1Field.multiply(t1, t3, t3, tt); // R(XH² − X')
      SecP256K1Field.multiply(y, t4, t4, tt); // YH³
      SecP256K1Field.subtract(t3, t4, y); // Y'
    }

    Affine toAffine() {
      if (infinity) {
        return null;
      }
      int[] zInv = Nat256.create();
      SecP256K1Field.inv(z, zInv);
      SecP256K1Field.square(zInv, t1, tt);
      SecP256K1Field.multiply(x, t1, t2, tt);
      SecP256K1Field.multiply(t1, zInv, t1, tt);
      SecP256K1Field.multiply(y, t1, t3, tt);
      return new Affine(Nat256.toBigInteger(t2), Nat256.toBigInteger(t3));
    }

    private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);
  }
}
