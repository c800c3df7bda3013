package io.custos.audit.merkle;

import io.custos.audit.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 6962 tree of a given size: the roots of its perfect subtrees ("peaks"),
 * largest first. Enough to append leaves, emit the nodes they complete, and compute the root, in
 * O(log n) memory.
 */
public final class MerkleFrontier {

  private long size;
  // peaks.get(i) has level levels.get(i); levels strictly decrease along the list.
  private final List<Hash> peaks;
  private final List<Integer> levels;

  private MerkleFrontier(long size, List<Hash> peaks, List<Integer> levels) {
    this.size = size;
    this.peaks = peaks;
    this.levels = levels;
  }

  /** The frontier of the empty tree. */
  public static MerkleFrontier empty() {
    return new MerkleFrontier(0, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * Rebuilds the frontier of a tree of {@code size} leaves from its peaks, as named by {@link
   * #peakIds(long)} and in that order.
   */
  public static MerkleFrontier of(long size, List<Hash> peakHashes) {
    List<NodeId> ids = peakIds(size);
    if (ids.size() != peakHashes.size()) {
      throw new IllegalArgumentException(
          "a tree of " + size + " leaves has " + ids.size() + " peaks");
    }
    List<Integer> levels = new ArrayList<>();
    ids.forEach(id -> levels.add(id.level()));
    return new MerkleFrontier(size, new ArrayList<>(peakHashes), levels);
  }

  /** The perfect subtrees whose roots make up the right edge of a tree of {@code size} leaves. */
  public static List<NodeId> peakIds(long size) {
    List<NodeId> ids = new ArrayList<>();
    long offset = 0;
    for (int level = 62; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        ids.add(new NodeId(level, offset >> level));
        offset += 1L << level;
      }
    }
    return ids;
  }

  /** Appends a leaf and returns the interior nodes (level ≥ 1) that it completes, lowest first. */
  public List<TreeNode> append(Hash leaf) {
    List<TreeNode> completed = new ArrayList<>();
    Hash current = leaf;
    int level = 0;
    long index = size;
    while (!levels.isEmpty() && levels.getLast() == level) {
      current = Rfc6962.node(peaks.removeLast(), current);
      levels.removeLast();
      level++;
      index >>= 1;
      completed.add(new TreeNode(new NodeId(level, index), current));
    }
    peaks.add(current);
    levels.add(level);
    size++;
    return completed;
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The RFC 6962 root: peaks folded from the right, SHA-256("") for the empty tree. */
  public Hash root() {
    if (peaks.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    Hash root = peaks.getLast();
    for (int i = peaks.size() - 2; i >= 0; i--) {
      root = Rfc6962.node(peaks.get(i), root);
    }
    return root;
  }

  /** An independent copy, so that a batch can be abandoned without touching this one. */
  public MerkleFrontier copy() {
    return new MerkleFrontier(size, new ArrayList<>(peaks), new ArrayList<>(levels));
  }
}
