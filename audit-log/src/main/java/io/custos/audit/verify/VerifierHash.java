package io.custos.audit.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The verifier's own hashing, written apart from the writer's so that a bug in one is not silently
 * shared by the other: RFC 6962 leaf (0x00) and node (0x01), and the chain (0x02).
 */
final class VerifierHash {

  private final MessageDigest sha256;

  VerifierHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] leaf(byte[] entryUtf8) {
    sha256.reset();
    sha256.update((byte) 0);
    sha256.update(entryUtf8);
    return sha256.digest();
  }

  byte[] node(byte[] left, byte[] right) {
    return prefixed((byte) 1, left, right);
  }

  byte[] chain(byte[] previous, byte[] leaf) {
    return prefixed((byte) 2, previous, leaf);
  }

  byte[] plain(byte[] data) {
    sha256.reset();
    return sha256.digest(data);
  }

  private byte[] prefixed(byte prefix, byte[] a, byte[] b) {
    sha256.reset();
    sha256.update(prefix);
    sha256.update(a);
    sha256.update(b);
    return sha256.digest();
  }
}
