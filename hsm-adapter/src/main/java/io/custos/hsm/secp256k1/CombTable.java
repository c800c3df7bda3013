package io.custos.hsm.secp256k1;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A fixed-base comb table for one secp256k1 point P and scalars of up to {@code bits} bits: entry
 * {@code j} (for {@code j} in {@code [1, 2^teeth)}) is the affine point {@code Σ bit_i(j) ·
 * 2^(i·spacing) · P}. With it, {@code k·P} needs only {@code spacing} doublings and at most {@code
 * spacing} mixed additions: the scalar's bits at {@code col, col + spacing, col + 2·spacing, ...}
 * index the table for column {@code col}.
 *
 * <p>Coordinates are stored as {@link Field64} limbs (fully reduced field elements) in one flat
 * array, x then y, {@link #STRIDE} longs per entry, so that {@link FastEcmult} can add them without
 * allocating point objects and a table is one object in memory.
 */
final class CombTable {

  /** Longs per entry: four for x, four for y. */
  static final int STRIDE = 2 * Field64.LIMBS;

  final int teeth;
  final int spacing;
  final long[] coords;

  private CombTable(int teeth, int spacing, long[] coords) {
    this.teeth = teeth;
    this.spacing = spacing;
    this.coords = coords;
  }

  /** Builds the table with Bouncy Castle's point arithmetic: done once per point. */
  static CombTable of(ECPoint point, int teeth, int bits) {
    int spacing = (bits + teeth - 1) / teeth;
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
    long[] coords = new long[size * STRIDE];
    for (int j = 1; j < size; j++) {
      Field64.put(table[j].getAffineXCoord().toBigInteger(), coords, j * STRIDE);
      Field64.put(table[j].getAffineYCoord().toBigInteger(), coords, j * STRIDE + Field64.LIMBS);
    }
    return new CombTable(teeth, spacing, coords);
  }

  /**
   * The table of {@code φ(P)} for the map {@code φ(x, y) = (β·x, y)}: since φ is a group
   * homomorphism, each entry is φ of this table's entry, one field multiplication each.
   */
  CombTable mapX(BigInteger beta) {
    long[] b = new long[Field64.LIMBS];
    Field64.put(beta, b, 0);
    long[] mapped = coords.clone();
    for (int off = STRIDE; off < mapped.length; off += STRIDE) {
      // Kept fully reduced, like the entries built from Bouncy Castle's points.
      Field64.put(Field64.toBigInteger(multiplied(coords, off, b), 0), mapped, off);
    }
    return new CombTable(teeth, spacing, mapped);
  }

  /**
   * The entry offsets into {@link #coords} for each column of a scalar given as eight little-endian
   * words, 0 where the column's bits are all zero (entry 0 is the point at infinity, which is never
   * stored).
   */
  int[] offsets(int[] scalar) {
    int[] offsets = new int[spacing];
    for (int col = 0; col < spacing; col++) {
      int index = 0;
      for (int i = 0, bit = col; i < teeth && bit < 256; i++, bit += spacing) {
        index |= ((scalar[bit >>> 5] >>> (bit & 31)) & 1) << i;
      }
      offsets[col] = index * STRIDE;
    }
    return offsets;
  }

  private static long[] multiplied(long[] table, int off, long[] factor) {
    long[] product = new long[Field64.LIMBS];
    Field64.multiply(table, off, factor, product);
    return product;
  }
}
