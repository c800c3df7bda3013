package io.custos.audit.merkle;

import io.custos.audit.Hash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tree held in memory: the nodes a frontier emits, for proof tests and benchmarks. */
public final class InMemoryTree implements NodeSource {

  private final Map<NodeId, Hash> nodes = new HashMap<>();
  private final MerkleFrontier frontier = MerkleFrontier.empty();

  /** Builds the tree of these leaves. */
  public static InMemoryTree of(List<Hash> leaves) {
    InMemoryTree t = new InMemoryTree();
    leaves.forEach(t::append);
    return t;
  }

  /** Appends one leaf. */
  public void append(Hash leaf) {
    nodes.put(new NodeId(0, frontier.size()), leaf);
    frontier.append(leaf).forEach(n -> nodes.put(n.id(), n.hash()));
  }

  /** Leaf i. */
  public Hash leaf(long i) {
    return nodes.get(new NodeId(0, i));
  }

  /** MTH of the first n leaves, by the reference recursion of RFC 6962 section 2.1. */
  public Hash root(long n) {
    return n == 0 ? Rfc6962.emptyRoot() : mth(0, n);
  }

  private Hash mth(long start, long end) {
    long n = end - start;
    if (n == 1) {
      return leaf(start);
    }
    long k = Long.highestOneBit(n - 1);
    return Rfc6962.node(mth(start, start + k), mth(start + k, end));
  }

  @Override
  public Map<NodeId, Hash> hashes(Set<NodeId> ids) {
    Map<NodeId, Hash> out = new HashMap<>();
    for (NodeId id : ids) {
      Hash h = nodes.get(id);
      if (h == null) {
        throw new IllegalStateException("no node " + id);
      }
      out.put(id, h);
    }
    return out;
  }
}
