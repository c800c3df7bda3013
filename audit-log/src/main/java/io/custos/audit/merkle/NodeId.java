package io.custos.audit.merkle;

/**
 * A perfect subtree of the log's Merkle tree: it covers leaves {@code [index * 2^level, (index + 1)
 * * 2^level)}. Level 0 is a leaf.
 *
 * @param level height above the leaves, 0..62
 * @param index position among the subtrees of that level
 */
public record NodeId(int level, long index) {

  public NodeId {
    if (level < 0 || level > 62 || index < 0) {
      throw new IllegalArgumentException("no such tree node: level " + level + " index " + index);
    }
  }

  /** The first leaf this node covers. */
  public long firstLeaf() {
    return index << level;
  }
}
