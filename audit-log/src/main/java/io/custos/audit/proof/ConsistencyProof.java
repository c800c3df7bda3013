package io.custos.audit.proof;

import io.custos.audit.Hash;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 consistency proof: shows that the tree of {@code toSize} leaves extends the
 * tree of {@code fromSize} leaves without changing any of them.
 *
 * @param fromSize the earlier size, at least 1
 * @param toSize the later size, at least {@code fromSize}
 * @param path the subtree hashes of RFC 6962 section 2.1.2
 */
public record ConsistencyProof(long fromSize, long toSize, List<Hash> path) {

  public ConsistencyProof {
    if (fromSize < 1 || toSize < fromSize || path == null) {
      throw new IllegalArgumentException("a consistency proof needs 1 <= fromSize <= toSize");
    }
    path = List.copyOf(path);
  }
}
