package io.custos.policy;

import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.TypedData;
import io.custos.policy.intent.Wallet;
import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** Builders for intents and calldata used across the tests. */
final class Intents {
  static final ChainId MAINNET = ChainId.of(1);
  static final Address USDC = Address.parse("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
  static final Address DEPOSIT = Address.parse("0x00000000219ab540356cBB839Cbe05303d7705Fa");
  static final Address VENDOR = Address.parse("0x1111111111111111111111111111111111111111");
  static final Address STRANGER = Address.parse("0x3333333333333333333333333333333333333333");
  static final Address ORG_WITHDRAWAL = Address.parse("0x5555555555555555555555555555555555555555");

  private Intents() {}

  static Wallet wallet(String id, String... tags) {
    return new Wallet(
        id,
        id + "-label",
        Set.of(tags),
        Address.parse("0x9999999999999999999999999999999999999999"));
  }

  static TransactionIntent transfer(Wallet wallet, Address to, String ether) {
    return new TransactionIntent(
        MAINNET, wallet, new Payload.NativeTransfer(to, Wei.ofEther(ether)), FeeCaps.NONE);
  }

  static TransactionIntent call(Wallet wallet, Address to, String ether, HexData data) {
    return new TransactionIntent(
        MAINNET, wallet, new Payload.ContractCall(to, Wei.ofEther(ether), data), FeeCaps.NONE);
  }

  static TransactionIntent typedData(Wallet wallet, TypedData data) {
    return new TransactionIntent(MAINNET, wallet, new Payload.TypedDataPayload(data), FeeCaps.NONE);
  }

  static TypedData permit(Address token, Address spender, String value) {
    return new TypedData(
        MAINNET,
        token,
        "USD Coin",
        "Permit",
        Map.of("spender", spender.lowerHex(), "value", value));
  }

  static HexData erc20Transfer(Address to, BigInteger amount) {
    return encode("transfer(address,uint256)", word(to), word(amount));
  }

  static HexData erc20Approve(Address spender, BigInteger amount) {
    return encode("approve(address,uint256)", word(spender), word(amount));
  }

  /** deposit(bytes pubkey, bytes withdrawal_credentials, bytes signature, bytes32 root). */
  static HexData deposit(byte[] withdrawalCredentials) {
    byte[] pubkey = new byte[48];
    Arrays.fill(pubkey, (byte) 0xaa);
    byte[] signature = new byte[96];
    Arrays.fill(signature, (byte) 0xbb);
    byte[] root = new byte[32];
    Arrays.fill(root, (byte) 0xcc);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        FunctionSignature.parse("deposit(bytes,bytes,bytes,bytes32)").selector().toByteArray());
    int headSize = 4 * 32;
    int pubkeyAt = headSize;
    int credentialsAt = pubkeyAt + 32 + 64;
    int signatureAt = credentialsAt + 32 + 32;
    out.writeBytes(word(BigInteger.valueOf(pubkeyAt)));
    out.writeBytes(word(BigInteger.valueOf(credentialsAt)));
    out.writeBytes(word(BigInteger.valueOf(signatureAt)));
    out.writeBytes(root);
    writeDynamic(out, pubkey);
    writeDynamic(out, withdrawalCredentials);
    writeDynamic(out, signature);
    return HexData.of(out.toByteArray());
  }

  static byte[] credentials(int prefix, Address address) {
    byte[] out = new byte[32];
    out[0] = (byte) prefix;
    System.arraycopy(HexData.parse(address.lowerHex()).toByteArray(), 0, out, 12, 20);
    return out;
  }

  private static void writeDynamic(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(word(BigInteger.valueOf(value.length)));
    out.writeBytes(Arrays.copyOf(value, (value.length + 31) / 32 * 32));
  }

  static HexData encode(String signature, byte[]... words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(FunctionSignature.parse(signature).selector().toByteArray());
    for (byte[] w : words) {
      out.writeBytes(w);
    }
    return HexData.of(out.toByteArray());
  }

  static byte[] word(Address address) {
    byte[] out = new byte[32];
    System.arraycopy(HexData.parse(address.lowerHex()).toByteArray(), 0, out, 12, 20);
    return out;
  }

  static byte[] word(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
