package io.custos.devstack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A beacon-chain deposit as the deposit contract takes it: {@code deposit(bytes pubkey, bytes
 * withdrawal_credentials, bytes signature, bytes32 deposit_data_root)}. The root is the SSZ {@code
 * hash_tree_root(DepositData)} of the consensus specs, which the contract recomputes and reverts on
 * when it differs; a mined deposit therefore proves the root right. The contract does not verify
 * the BLS signature, so a devnet deposit may carry random bytes in its place.
 *
 * @param pubkey the validator's BLS public key, 48 bytes
 * @param withdrawalCredentials 32 bytes: {@code 0x01 ‖ 11 zero bytes ‖ withdrawal address}
 * @param amountGwei the deposit in gwei (32 ETH = 32,000,000,000 gwei)
 * @param signature the BLS signature over the deposit message, 96 bytes
 */
public record DepositData(
    byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature) {

  /** The selector of {@code deposit(bytes,bytes,bytes,bytes32)}. */
  public static final String SELECTOR = "22895118";

  public static final long GWEI_PER_ETH = 1_000_000_000L;

  public DepositData {
    pubkey = length(pubkey, 48, "pubkey");
    withdrawalCredentials = length(withdrawalCredentials, 32, "withdrawal credentials");
    signature = length(signature, 96, "signature");
    if (amountGwei < GWEI_PER_ETH) {
      throw new IllegalArgumentException("the contract takes at least 1 ETH");
    }
  }

  /** A deposit with a random public key and signature, as a devnet test or demo needs. */
  public static DepositData random(String withdrawalAddress, long amountGwei) {
    SecureRandom random = new SecureRandom();
    byte[] pubkey = new byte[48];
    byte[] signature = new byte[96];
    random.nextBytes(pubkey);
    random.nextBytes(signature);
    return new DepositData(pubkey, credentials(withdrawalAddress), amountGwei, signature);
  }

  /** Execution-layer (0x01) withdrawal credentials: {@code 0x01 ‖ 11 zero bytes ‖ address}. */
  public static byte[] credentials(String withdrawalAddress) {
    if (!withdrawalAddress.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("a withdrawal address is 0x and 40 hex digits");
    }
    byte[] out = new byte[32];
    out[0] = 0x01;
    System.arraycopy(HexFormat.of().parseHex(withdrawalAddress, 2, 42), 0, out, 12, 20);
    return out;
  }

  /**
   * {@code hash_tree_root(DepositData)}: the four fields are the leaves of a depth-2 tree; the
   * public key is padded to two chunks, the signature to four, the amount is a little-endian uint64
   * in one chunk. The same computation as the contract's {@code deposit}.
   */
  public byte[] root() {
    byte[] pubkeyRoot = sha256(pubkey, new byte[16]);
    byte[] signatureRoot =
        sha256(
            sha256(Arrays.copyOfRange(signature, 0, 64)),
            sha256(Arrays.copyOfRange(signature, 64, 96), new byte[32]));
    byte[] amount =
        ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(amountGwei).array();
    return sha256(sha256(pubkeyRoot, withdrawalCredentials), sha256(amount, signatureRoot));
  }

  /** The ABI-encoded call of {@code deposit(pubkey, withdrawal_credentials, signature, root)}. */
  public byte[] calldata() {
    ByteBuffer out = ByteBuffer.allocate(4 + 4 * 32 + (32 + 64) + (32 + 32) + (32 + 96));
    out.put(HexFormat.of().parseHex(SELECTOR));
    int pubkeyAt = 4 * 32;
    int credentialsAt = pubkeyAt + 32 + 64;
    int signatureAt = credentialsAt + 32 + 32;
    out.put(word(pubkeyAt)).put(word(credentialsAt)).put(word(signatureAt)).put(root());
    putBytes(out, pubkey);
    putBytes(out, withdrawalCredentials);
    putBytes(out, signature);
    return out.array();
  }

  /** Appends a dynamic {@code bytes} value: its length, then the bytes padded to whole words. */
  private static void putBytes(ByteBuffer out, byte[] value) {
    out.put(word(value.length)).put(value).put(new byte[(32 - value.length % 32) % 32]);
  }

  private static byte[] word(long value) {
    return ByteBuffer.allocate(32).putLong(24, value).array();
  }

  private static byte[] length(byte[] value, int length, String name) {
    Objects.requireNonNull(value, name);
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes");
    }
    return value.clone();
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        sha.update(part);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public byte[] pubkey() {
    return pubkey.clone();
  }

  @Override
  public byte[] withdrawalCredentials() {
    return withdrawalCredentials.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
