package io.custos.audit.merkle;

import io.custos.audit.Hash;

/**
 * A stored node of the Merkle tree.
 *
 * @param id which perfect subtree
 * @param hash its RFC 6962 hash
 */
public record TreeNode(NodeId id, Hash hash) {

  public TreeNode {
    if (id == null || hash == null) {
      throw new IllegalArgumentException("a tree node needs an id and a hash");
    }
  }
}
