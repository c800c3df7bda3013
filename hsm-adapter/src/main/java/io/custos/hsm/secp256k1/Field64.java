package io.custos.hsm.secp256k1;

import java.math.BigInteger;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * secp256k1 field arithmetic ({@code p = 2^256 − 0x1000003D1}) on four 64-bit little-endian limbs,
 * for {@link FastEcmult}'s hot loop. A 256×256-bit product takes 16 hardware multiplications
 * ({@code Math.unsignedMultiplyHigh} is an intrinsic) where 32-bit limbs take 64; measured about
 * 40% faster than Bouncy Castle's {@code SecP256K1Field.multiply} on the same machine.
 *
 * <p>Values are kept <em>partly reduced</em>: any 256-bit value congruent to the element, so in
 * {@code [0, 2^256)} rather than {@code [0, p)}; {@link #isZero} and {@link #toBigInteger} account
 * for it. Since {@code 2^256 ≡ 0x1000003D1 (mod p)}, a carry out of the top limb folds back as that
 * constant. Not constant-time: it only ever handles public values. Every result array may be an
 * argument too.
 */
final class Field64 {

  /** Elements are this many longs. */
  static final int LIMBS = 4;

  /** 2^256 mod p. */
  private static final long C = 0x1000003D1L;

  private static final BigInteger P = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(C));
  private static final int[] P_WORDS = Nat256.fromBigInteger(P);
  private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Field64() {}

  /** Writes {@code value} (in {@code [0, p)}) as limbs at {@code off}. */
  static void put(BigInteger value, long[] out, int off) {
    for (int i = 0; i < LIMBS; i++) {
      out[off + i] = value.shiftRight(64 * i).and(MASK64).longValue();
    }
  }

  /** The element at {@code off} as an integer in {@code [0, p)}. */
  static BigInteger toBigInteger(long[] a, int off) {
    byte[] bytes = new byte[8 * LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      long limb = a[off + i];
      for (int j = 0; j < 8; j++) {
        bytes[bytes.length - 1 - 8 * i - j] = (byte) (limb >>> (8 * j));
      }
    }
    BigInteger value = new BigInteger(1, bytes);
    return value.compareTo(P) >= 0 ? value.subtract(P) : value;
  }

  /** Whether {@code a ≡ 0}: it is 0 or p. */
  static boolean isZero(long[] a) {
    if ((a[0] | a[1] | a[2] | a[3]) == 0) {
      return true;
    }
    return a[0] == -C && a[1] == -1L && a[2] == -1L && a[3] == -1L;
  }

  /**
   * {@code r = a + b}. Branch-free but for a carry that needs two folds (both inputs near 2^256):
   * on random field elements a branch on the carry is a coin toss the CPU mispredicts half the
   * time, and additions and subtractions then cost as much as a multiplication.
   */
  static void add(long[] a, long[] b, long[] r) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long s0 = a0 + b[0];
    long c = carryOut(a0, b[0], s0);
    long s1 = a1 + b[1] + c;
    c = carryOut(a1, b[1], s1);
    long s2 = a2 + b[2] + c;
    c = carryOut(a2, b[2], s2);
    long s3 = a3 + b[3] + c;
    c = carryOut(a3, b[3], s3);
    // A carry out of the top limb is 2^256 ≡ C: add C (or 0) and propagate.
    long f = -c & C;
    long t0 = s0 + f;
    c = carryOut(s0, f, t0);
    long t1 = s1 + c;
    c = carryOut(s1, 0, t1);
    long t2 = s2 + c;
    c = carryOut(s2, 0, t2);
    long t3 = s3 + c;
    c = carryOut(s3, 0, t3);
    store(t0, t1, t2, t3, r);
    if (c != 0) {
      addC(r);
    }
  }

  /** {@code r = 2a}. */
  static void twice(long[] a, long[] r) {
    add(a, a, r);
  }

  /** {@code r = a − b}. Branch-free but for a rare second fold, as {@link #add}. */
  static void subtract(long[] a, long[] b, long[] r) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long d0 = a0 - b[0];
    long w = borrowOut(a0, b[0], d0);
    long d1 = a1 - b[1] - w;
    w = borrowOut(a1, b[1], d1);
    long d2 = a2 - b[2] - w;
    w = borrowOut(a2, b[2], d2);
    long d3 = a3 - b[3] - w;
    w = borrowOut(a3, b[3], d3);
    // A borrow out of the top limb added 2^256 ≡ C too much: subtract C (or 0) and propagate.
    long f = -w & C;
    long t0 = d0 - f;
    w = borrowOut(d0, f, t0);
    long t1 = d1 - w;
    w = borrowOut(d1, 0, t1);
    long t2 = d2 - w;
    w = borrowOut(d2, 0, t2);
    long t3 = d3 - w;
    w = borrowOut(d3, 0, t3);
    store(t0, t1, t2, t3, r);
    if (w != 0) {
      subtractC(r);
    }
  }

  /** {@code r = −a}. */
  static void negate(long[] a, long[] r) {
    subtract(ZERO, a, r);
  }

  /**
   * {@code r = a²}: the six products off the diagonal once, doubled by a shift, then the four
   * squares on it; ten hardware products where {@link #multiply} takes sixteen (~20% faster).
   */
  static void square(long[] a, long[] r) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    // a0·(a1, a2, a3) at words 1..4
    long t1 = a0 * a1;
    long c = Math.unsignedMultiplyHigh(a0, a1);
    long lo = a0 * a2 + c;
    c = Math.unsignedMultiplyHigh(a0, a2) + carry(lo, c);
    long t2 = lo;
    lo = a0 * a3 + c;
    long t4 = Math.unsignedMultiplyHigh(a0, a3) + carry(lo, c);
    long t3 = lo;
    // + a1·(a2, a3) at words 3..5
    lo = a1 * a2;
    long s = t3 + lo;
    c = Math.unsignedMultiplyHigh(a1, a2) + carry(s, lo);
    t3 = s;
    lo = a1 * a3 + c;
    long hi = Math.unsignedMultiplyHigh(a1, a3) + carry(lo, c);
    s = t4 + lo;
    t4 = s;
    long t5 = hi + carry(s, lo);
    // + a2·a3 at words 5..6
    lo = a2 * a3;
    s = t5 + lo;
    long t6 = Math.unsignedMultiplyHigh(a2, a3) + carry(s, lo);
    t5 = s;
    // doubled
    long t7 = t6 >>> 63;
    t6 = (t6 << 1) | (t5 >>> 63);
    t5 = (t5 << 1) | (t4 >>> 63);
    t4 = (t4 << 1) | (t3 >>> 63);
    t3 = (t3 << 1) | (t2 >>> 63);
    t2 = (t2 << 1) | (t1 >>> 63);
    t1 <<= 1;
    // + the squares on the diagonal
    long t0 = a0 * a0;
    hi = Math.unsignedMultiplyHigh(a0, a0);
    s = t1 + hi;
    c = carry(s, hi);
    t1 = s;
    lo = a1 * a1;
    hi = Math.unsignedMultiplyHigh(a1, a1);
    s = t2 + lo + c;
    c = carryOut(t2, lo, s);
    t2 = s;
    s = t3 + hi + c;
    c = carryOut(t3, hi, s);
    t3 = s;
    lo = a2 * a2;
    hi = Math.unsignedMultiplyHigh(a2, a2);
    s = t4 + lo + c;
    c = carryOut(t4, lo, s);
    t4 = s;
    s = t5 + hi + c;
    c = carryOut(t5, hi, s);
    t5 = s;
    lo = a3 * a3;
    hi = Math.unsignedMultiplyHigh(a3, a3);
    s = t6 + lo + c;
    c = carryOut(t6, lo, s);
    t6 = s;
    reduce(t0, t1, t2, t3, t4, t5, t6, t7 + hi + c, r);
  }

  /** {@code r = a·b}. */
  static void multiply(long[] a, long[] b, long[] r) {
    multiply(a, 0, b, r);
  }

  /**
   * {@code r = a·b} with {@code a} read at {@code aOff} (a table entry): schoolbook rows, unrolled
   * so that the 512-bit product stays in registers.
   */
  static void multiply(long[] a, int aOff, long[] b, long[] r) {
    long a0 = a[aOff];
    long a1 = a[aOff + 1];
    long a2 = a[aOff + 2];
    long a3 = a[aOff + 3];
    long b0 = b[0];
    long t0 = a0 * b0;
    long c = Math.unsignedMultiplyHigh(a0, b0);
    long lo = a1 * b0 + c;
    c = Math.unsignedMultiplyHigh(a1, b0) + carry(lo, c);
    long t1 = lo;
    lo = a2 * b0 + c;
    c = Math.unsignedMultiplyHigh(a2, b0) + carry(lo, c);
    long t2 = lo;
    lo = a3 * b0 + c;
    long t4 = Math.unsignedMultiplyHigh(a3, b0) + carry(lo, c);
    long t3 = lo;
    long[] row = new long[5];
    row(a0, a1, a2, a3, b[1], t1, t2, t3, t4, row);
    t1 = row[0];
    row(a0, a1, a2, a3, b[2], row[1], row[2], row[3], row[4], row);
    t2 = row[0];
    row(a0, a1, a2, a3, b[3], row[1], row[2], row[3], row[4], row);
    reduce(t0, t1, t2, row[0], row[1], row[2], row[3], row[4], r);
  }

  /** One row: {@code (u0..u3) + a·bi}, five words out (it always fits). */
  private static void row(
      long a0, long a1, long a2, long a3, long bi, long u0, long u1, long u2, long u3, long[] out) {
    long lo = a0 * bi;
    long s = u0 + lo;
    long c = Math.unsignedMultiplyHigh(a0, bi) + carry(s, lo);
    out[0] = s;
    lo = a1 * bi + c;
    long hi = Math.unsignedMultiplyHigh(a1, bi) + carry(lo, c);
    s = u1 + lo;
    c = hi + carry(s, lo);
    out[1] = s;
    lo = a2 * bi + c;
    hi = Math.unsignedMultiplyHigh(a2, bi) + carry(lo, c);
    s = u2 + lo;
    c = hi + carry(s, lo);
    out[2] = s;
    lo = a3 * bi + c;
    hi = Math.unsignedMultiplyHigh(a3, bi) + carry(lo, c);
    s = u3 + lo;
    out[3] = s;
    out[4] = hi + carry(s, lo);
  }

  /** {@code r = 1/a}; {@code a} must not be zero. Variable-time: for public values only. */
  static void invert(long[] a, long[] r) {
    long[] reduced = a.clone();
    reduceFully(reduced);
    int[] x = new int[2 * LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      x[2 * i] = (int) reduced[i];
      x[2 * i + 1] = (int) (reduced[i] >>> 32);
    }
    int[] z = new int[2 * LIMBS];
    Mod.modOddInverseVar(P_WORDS, x, z);
    for (int i = 0; i < LIMBS; i++) {
      r[i] = (z[2 * i] & 0xFFFFFFFFL) | ((long) z[2 * i + 1] << 32);
    }
  }

  /** Brings a partly reduced {@code a} into {@code [0, p)}: subtracts p once if it is above. */
  static void reduceFully(long[] a) {
    if (a[3] == -1L && a[2] == -1L && a[1] == -1L && Long.compareUnsigned(a[0], -C) >= 0) {
      // a − p = a + C − 2^256, and a + C carries out of every limb: the upper limbs become 0.
      a[0] += C;
      a[1] = 0;
      a[2] = 0;
      a[3] = 0;
    }
  }

  /** Folds a 512-bit product {@code t}: {@code t_low + t_high·C}, then the small overflow again. */
  private static void reduce(
      long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7, long[] r) {
    long lo = t4 * C;
    long s0 = t0 + lo;
    long c = Math.unsignedMultiplyHigh(t4, C) + carry(s0, lo);
    lo = t5 * C + c;
    long hi = Math.unsignedMultiplyHigh(t5, C) + carry(lo, c);
    long s1 = t1 + lo;
    c = hi + carry(s1, lo);
    lo = t6 * C + c;
    hi = Math.unsignedMultiplyHigh(t6, C) + carry(lo, c);
    long s2 = t2 + lo;
    c = hi + carry(s2, lo);
    lo = t7 * C + c;
    hi = Math.unsignedMultiplyHigh(t7, C) + carry(lo, c);
    long s3 = t3 + lo;
    c = hi + carry(s3, lo);
    // c < 2^34, so c·C < 2^68: one more fold, then at most one carry out of the top limb.
    lo = c * C;
    s0 += lo;
    c = Math.unsignedMultiplyHigh(c, C) + carry(s0, lo);
    s1 += c;
    c = carry(s1, c);
    s2 += c;
    c = carry(s2, c);
    s3 += c;
    c = carry(s3, c);
    store(s0, s1, s2, s3, r);
    if (c != 0) {
      addC(r);
    }
  }

  /** Adds 2^256 mod p after a carry out of the top limb; repeats if that carries again. */
  private static void addC(long[] r) {
    long c = C;
    while (c != 0) {
      long s0 = r[0] + c;
      c = carry(s0, c);
      r[0] = s0;
      for (int i = 1; i < LIMBS && c != 0; i++) {
        r[i] += 1;
        c = r[i] == 0 ? 1 : 0;
      }
      c = c != 0 ? C : 0;
    }
  }

  /** Subtracts 2^256 mod p after a borrow out of the top limb; repeats if that borrows again. */
  private static void subtractC(long[] r) {
    long w = C;
    while (w != 0) {
      long d0 = r[0] - w;
      w = Long.compareUnsigned(r[0], w) < 0 ? 1 : 0;
      r[0] = d0;
      for (int i = 1; i < LIMBS && w != 0; i++) {
        w = r[i] == 0 ? 1 : 0;
        r[i] -= 1;
      }
      w = w != 0 ? C : 0;
    }
  }

  private static void store(long r0, long r1, long r2, long r3, long[] r) {
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
  }

  /** The carry of {@code sum = x + y}, given the sum and one addend. */
  private static long carry(long sum, long addend) {
    return Long.compareUnsigned(sum, addend) < 0 ? 1 : 0;
  }

  /** The carry out of {@code sum = x + y + c} for a carry-in c of 0 or 1, without a branch. */
  private static long carryOut(long x, long y, long sum) {
    return ((x & y) | ((x | y) & ~sum)) >>> 63;
  }

  /** The borrow out of {@code diff = x − y − w} for a borrow-in w of 0 or 1, without a branch. */
  private static long borrowOut(long x, long y, long diff) {
    return ((~x & y) | (~(x ^ y) & diff)) >>> 63;
  }

  private static final long[] ZERO = new long[LIMBS];
}
