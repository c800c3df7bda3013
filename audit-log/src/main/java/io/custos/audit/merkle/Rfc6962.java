package io.custos.audit.merkle;

import io.custos.audit.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The writer's hash functions: RFC 6962 leaf and node hashes, and the chain hash that links each
 * entry to its predecessor. Domain-separation prefixes keep the three from ever colliding.
 */
public final class Rfc6962 {

  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;
  private static final byte CHAIN = 0x02;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Rfc6962::newSha256);

  private Rfc6962() {}

  /** SHA-256(0x00 ‖ entry). */
  public static Hash leaf(byte[] entry) {
    MessageDigest md = SHA256.get();
    md.update(LEAF);
    return new Hash(md.digest(entry));
  }

  /** SHA-256(0x01 ‖ left ‖ right). */
  public static Hash node(Hash left, Hash right) {
    MessageDigest md = SHA256.get();
    md.update(NODE);
    md.update(left.bytes());
    return new Hash(md.digest(right.bytes()));
  }

  /** SHA-256(0x02 ‖ previous chain hash ‖ leaf hash); the first entry's previous is all zeros. */
  public static Hash chain(Hash previous, Hash leaf) {
    MessageDigest md = SHA256.get();
    md.update(CHAIN);
    md.update(previous.bytes());
    return new Hash(md.digest(leaf.bytes()));
  }

  /** SHA-256 of arbitrary bytes (the checkpoint body digest that gets signed). */
  public static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static Hash emptyRoot() {
    return new Hash(sha256(new byte[0]));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }
}
