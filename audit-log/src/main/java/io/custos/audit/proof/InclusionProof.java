package io.custos.audit.proof;

import io.custos.audit.Hash;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 audit path: proves that leaf {@code leafIndex} is in the tree of {@code
 * treeSize} leaves.
 *
 * @param leafIndex the entry's sequence number
 * @param treeSize the size of the tree (a checkpoint's size)
 * @param path sibling hashes from the leaf up to the root
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {

  public InclusionProof {
    if (leafIndex < 0 || treeSize <= leafIndex || path == null) {
      throw new IllegalArgumentException("an inclusion proof needs 0 <= leafIndex < treeSize");
    }
    path = List.copyOf(path);
  }
}
