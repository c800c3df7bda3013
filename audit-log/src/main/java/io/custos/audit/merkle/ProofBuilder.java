package io.custos.audit.merkle;

import io.custos.audit.Hash;
import io.custos.audit.proof.ConsistencyProof;
import io.custos.audit.proof.InclusionProof;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds RFC 6962 inclusion and consistency proofs from stored perfect subtrees. A proof is a list
 * of subtree hashes over leaf ranges; each range is split into stored nodes, which are read in one
 * call to the {@link NodeSource}, so a proof costs one round trip whatever the tree size.
 */
public final class ProofBuilder {

  private final NodeSource nodes;

  public ProofBuilder(NodeSource nodes) {
    this.nodes = nodes;
  }

  /** PATH(m, D[n]) of RFC 6962 section 2.1.1. */
  public InclusionProof inclusion(long leafIndex, long treeSize) {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException("leaf " + leafIndex + " is not in a tree of " + treeSize);
    }
    List<long[]> ranges = new ArrayList<>();
    path(leafIndex, 0, treeSize, ranges);
    return new InclusionProof(leafIndex, treeSize, resolve(ranges));
  }

  /** PROOF(m, D[n]) of RFC 6962 section 2.1.2. */
  public ConsistencyProof consistency(long fromSize, long toSize) {
    if (fromSize < 1 || fromSize > toSize) {
      throw new IllegalArgumentException("no consistency proof from " + fromSize + " to " + toSize);
    }
    List<long[]> ranges = new ArrayList<>();
    subproof(fromSize, 0, toSize, true, ranges);
    return new ConsistencyProof(fromSize, toSize, resolve(ranges));
  }

  /** MTH(D[0:size]), read from stored nodes. */
  public Hash root(long size) {
    if (size == 0) {
      return Rfc6962.emptyRoot();
    }
    return resolve(List.<long[]>of(new long[] {0, size})).getFirst();
  }

  private static void path(long m, long start, long end, List<long[]> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(new long[] {start + k, end});
    } else {
      path(m - k, start + k, end, out);
      out.add(new long[] {start, start + k});
    }
  }

  private static void subproof(long m, long start, long end, boolean whole, List<long[]> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(new long[] {start, end});
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, whole, out);
      out.add(new long[] {start + k, end});
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(new long[] {start, start + k});
    }
  }

  private List<Hash> resolve(List<long[]> ranges) {
    Set<NodeId> needed = new HashSet<>();
    ranges.forEach(r -> decompose(r[0], r[1], needed));
    Map<NodeId, Hash> hashes = nodes.hashes(needed);
    List<Hash> out = new ArrayList<>(ranges.size());
    ranges.forEach(r -> out.add(hashRange(r[0], r[1], hashes)));
    return out;
  }

  private static void decompose(long start, long end, Set<NodeId> out) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      out.add(new NodeId(Long.numberOfTrailingZeros(n), start / n));
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    decompose(start, start + k, out);
    decompose(start + k, end, out);
  }

  private static Hash hashRange(long start, long end, Map<NodeId, Hash> hashes) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      Hash h = hashes.get(new NodeId(Long.numberOfTrailingZeros(n), start / n));
      if (h == null) {
        throw new IllegalStateException("tree node for leaves [" + start + "," + end + ") missing");
      }
      return h;
    }
    long k = largestPowerOfTwoBelow(n);
    return Rfc6962.node(hashRange(start, start + k, hashes), hashRange(start + k, end, hashes));
  }

  /** The largest power of two strictly below n, for n ≥ 2. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
