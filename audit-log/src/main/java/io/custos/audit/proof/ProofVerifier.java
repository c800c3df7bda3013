package io.custos.audit.proof;

import io.custos.audit.Hash;
import io.custos.audit.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pure verification of proofs, with the iterative algorithms of RFC 9162 sections 2.1.3.2 and
 * 2.1.4.2 (deliberately not the recursive construction the proofs are built with).
 */
public final class ProofVerifier {

  private ProofVerifier() {}

  /**
   * Whether {@code canonicalEntry} is leaf {@code proof.leafIndex()} of the tree whose root is
   * {@code root} and size {@code treeSize} (normally a verified checkpoint's).
   */
  public static boolean verifyInclusion(
      InclusionProof proof, String canonicalEntry, long treeSize, Hash root) {
    Hash leaf = Rfc6962.leaf(canonicalEntry.getBytes(StandardCharsets.UTF_8));
    return proof.treeSize() == treeSize && verifyInclusion(proof, leaf, root);
  }

  /**
   * Whether {@code leaf} sits at the proof's index in the tree of the proof's size with {@code
   * root}.
   */
  public static boolean verifyInclusion(InclusionProof proof, Hash leaf, Hash root) {
    long fn = proof.leafIndex();
    long sn = proof.treeSize() - 1;
    Hash r = leaf;
    for (Hash p : proof.path()) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Rfc6962.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  /**
   * Whether the tree with root {@code toRoot} extends the tree with root {@code fromRoot}, at the
   * proof's sizes.
   */
  public static boolean verifyConsistency(ConsistencyProof proof, Hash fromRoot, Hash toRoot) {
    long m = proof.fromSize();
    long n = proof.toSize();
    List<Hash> path = proof.path();
    if (m == n) {
      return path.isEmpty() && fromRoot.equals(toRoot);
    }
    if (path.isEmpty()) {
      return false;
    }
    if (Long.bitCount(m) == 1) {
      path = prepend(fromRoot, path);
    }
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Hash fr = path.getFirst();
    Hash sr = path.getFirst();
    for (Hash c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.node(c, fr);
        sr = Rfc6962.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Rfc6962.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && fr.equals(fromRoot) && sr.equals(toRoot);
  }

  private static List<Hash> prepend(Hash first, List<Hash> rest) {
    Hash[] all = new Hash[rest.size() + 1];
    all[0] = first;
    for (int i = 0; i < rest.size(); i++) {
      all[i + 1] = rest.get(i);
    }
    return List.of(all);
  }
}
