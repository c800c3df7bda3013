package io.custos.audit.verify;

/**
 * Streams leaves and yields the RFC 6962 root at the current size, in O(log n) memory: slot k holds
 * the root of a complete subtree of 2^k leaves whenever bit k of the size is set, exactly like a
 * binary counter with carries.
 */
final class TreeAccumulator {

  private final VerifierHash hash;
  private final byte[][] slots = new byte[64][];
  private long size;

  TreeAccumulator(VerifierHash hash) {
    this.hash = hash;
  }

  void add(byte[] leaf) {
    byte[] carry = leaf;
    int k = 0;
    while ((size & (1L << k)) != 0) {
      carry = hash.node(slots[k], carry);
      slots[k] = null;
      k++;
    }
    slots[k] = carry;
    size++;
  }

  long size() {
    return size;
  }

  /** The root: subtrees combined from the smallest (rightmost) up; SHA-256("") when empty. */
  byte[] root() {
    byte[] acc = null;
    for (int k = 0; k < 64; k++) {
      if ((size & (1L << k)) != 0) {
        acc = acc == null ? slots[k] : hash.node(slots[k], acc);
      }
    }
    return acc == null ? hash.plain(new byte[0]) : acc;
  }
}
