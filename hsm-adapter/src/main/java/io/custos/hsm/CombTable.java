package io.custos.hsm;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;

/**
 * A fixed-base comb table for one secp256k1 point P: entry {@code j} (for {@code j} in {@code [1,
 * 2^teeth)}) is the affine point {@code Σ bit_i(j) · 2^(i·spacing) · P}. With it, {@code k·P} needs
 * only {@code spacing} doublings and at most {@code spacing} mixed additions: the scalar's bits at
 * {@code col, col + spacing, col + 2·spacing, ...} index the table for column {@code col}.
 *
 * <p>Coordinates are stored as Bouncy Castle {@code Nat256} words (fully reduced field elements) so
 * that {@link FastEcmult} can add them without allocating point objects.
 */
final class CombTable {

  final int teeth;
  final int spacing;
  final int[][] xs;
  final int[][] ys;

  private CombTable(int teeth, int spacing, int[][] xs, int[][] ys) {
    this.teeth = teeth;
    this.spacing = spacing;
    this.xs = xs;
    this.ys = ys;
  }

  /** Builds the table with Bouncy Castle's point arithmetic: done once per point. */
  static CombTable of(ECPoint point, int teeth) {
    int spacing = (256 + teeth - 1) / teeth;
    ECPoint[] bases = new ECPoint[teeth];
    bases[0] = point.normalize();
    for (int i = 1; i < teeth; i++) {
      bases[i] = bases[i - 1].timesPow2(spacing);
    }
    int size = 1 << teeth;
    ECPoint[] table = new ECPoint[size];
    table[0] = point.getCurve().getInfinity();
    for (int j = 1; j < size; j++) {
      int low = Integer.numberOfTrailingZeros(j);
      int rest = j & (j - 1);
      table[j] = rest == 0 ? bases[low] : table[rest].add(bases[low]);
    }
    point.getCurve().normalizeAll(table);
    int[][] xs = new int[size][];
    int[][] ys = new int[size][];
    for (int j = 1; j < size; j++) {
      xs[j] = Nat256.fromBigInteger(table[j].getAffineXCoord().toBigInteger());
      ys[j] = Nat256.fromBigInteger(table[j].getAffineYCoord().toBigInteger());
    }
    return new CombTable(teeth, spacing, xs, ys);
  }

  /** The table index for column {@code col} of a scalar given as eight little-endian words. */
  int index(int[] scalar, int col) {
    int index = 0;
    for (int i = 0, bit = col; i < teeth && bit < 256; i++, bit += spacing) {
      index |= ((scalar[bit >>> 5] >>> (bit & 31)) & 1) << i;
    }
    return index;
  }
}
