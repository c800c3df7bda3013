package io.custos.audit.merkle;

import io.custos.audit.Hash;
import java.util.Map;
import java.util.Set;

/** Where proofs read stored nodes from: the database, or memory in tests and benchmarks. */
@FunctionalInterface
public interface NodeSource {

  /**
   * The hashes of the given perfect subtrees, all of which must exist.
   *
   * @throws IllegalStateException if one is missing (the tree is not that large, or was damaged)
   */
  Map<NodeId, Hash> hashes(Set<NodeId> ids);
}
