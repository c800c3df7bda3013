package io.custos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.policy.abi.AbiDecoder;
import io.custos.policy.abi.AbiDecodingException;
import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.value.Address;
import io.custos.policy.value.Amount;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesAndAbiTest {
  static final String WORD_ZERO = "0".repeat(64);

  @Test
  void rendersAddressesWithTheirEip55Checksum() {
    Address usdc = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");

    assertThat(usdc.checksummed()).isEqualTo("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
    assertThat(Address.parse("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48")).isEqualTo(usdc);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eb48", // one letter's case flipped
        "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb4",
        "a0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        "0xg0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
      })
  void rejectsMalformedAddressesAndBadChecksums(String text) {
    assertThatThrownBy(() -> Address.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountsKeepExactUnits() {
    assertThat(Wei.ofEther("1.5").value()).isEqualTo(new BigInteger("1500000000000000000"));
    assertThat(new Amount(new Asset.Token("USDC", Intents.USDC, 6), BigInteger.valueOf(1_500_000)))
        .hasToString("1.5 USDC");
    assertThatThrownBy(() -> Wei.ofEther("0.0000000000000000001"))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> new Wei(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void selectorsAreKeccakOfTheCanonicalSignature() {
    assertThat(FunctionSignature.parse("transfer(address to, uint256 amount)").selector())
        .isEqualTo(HexData.parse("0xa9059cbb"));
    assertThat(FunctionSignature.parse("deposit(bytes,bytes,bytes,bytes32)").selector())
        .isEqualTo(HexData.parse("0x22895118"));
  }

  @Test
  void decodesDynamicArguments() {
    FunctionSignature deposit =
        FunctionSignature.parse(
            "deposit(bytes pubkey, bytes withdrawal_credentials, bytes signature, bytes32 root)");
    byte[] credentials = Intents.credentials(1, Intents.ORG_WITHDRAWAL);

    List<Object> args = AbiDecoder.decode(deposit, Intents.deposit(credentials));

    assertThat(((HexData) args.get(0)).length()).isEqualTo(48);
    assertThat(args.get(1)).isEqualTo(HexData.of(credentials));
    assertThat(((HexData) args.get(2)).length()).isEqualTo(96);
  }

  static Stream<Arguments> nonCanonicalCalldata() {
    String transfer = "0xa9059cbb";
    String to = "000000000000000000000000" + "1".repeat(40);
    String one = "0".repeat(63) + "1";
    return Stream.of(
        Arguments.of("otherSelector", "transfer(address,uint256)", "0xa9059cbc" + to + one),
        Arguments.of("tooShort", "transfer(address,uint256)", transfer + to),
        Arguments.of(
            "dirtyAddress", "transfer(address,uint256)", transfer + "01" + to.substring(2) + one),
        Arguments.of("trailingByte", "transfer(address,uint256)", transfer + to + one + "00"),
        Arguments.of(
            "trailingWord", "transfer(address,uint256)", transfer + to + one + "0".repeat(64)),
        Arguments.of(
            "trailingAfterTail",
            "f(bytes)",
            selector("f(bytes)") + "0".repeat(62) + "20" + "0".repeat(64) + "0".repeat(64)),
        Arguments.of(
            "tailNotRightAfterHeads",
            "f(bytes)",
            selector("f(bytes)") + "0".repeat(62) + "40" + "0".repeat(64) + "0".repeat(64)),
        Arguments.of("boolDirtyHigh", "f(bool)", selector("f(bool)") + "1" + "0".repeat(62) + "1"),
        Arguments.of("boolTwo", "f(bool)", selector("f(bool)") + "0".repeat(63) + "2"),
        Arguments.of("uint8OutOfRange", "f(uint8)", selector("f(uint8)") + "0".repeat(61) + "100"),
        Arguments.of("int8OutOfRange", "f(int8)", selector("f(int8)") + "0".repeat(62) + "80"),
        Arguments.of(
            "bytes4DirtyPadding",
            "f(bytes4)",
            selector("f(bytes4)") + "aabbccdd" + "0".repeat(55) + "1"),
        Arguments.of("offsetOutside", "f(bytes)", selector("f(bytes)") + "0".repeat(62) + "40"),
        Arguments.of(
            "lengthOutside",
            "f(bytes)",
            selector("f(bytes)") + "0".repeat(62) + "20" + "0".repeat(62) + "40"),
        Arguments.of(
            "dirtyDynamicPadding",
            "f(bytes)",
            selector("f(bytes)")
                + "0".repeat(62)
                + "20"
                + "0".repeat(63)
                + "1"
                + "aa"
                + "0".repeat(61)
                + "1"),
        Arguments.of(
            "invalidUtf8",
            "f(string)",
            selector("f(string)")
                + "0".repeat(62)
                + "20"
                + "0".repeat(63)
                + "1"
                + "ff"
                + "0".repeat(62)));
  }

  static String selector(String signature) {
    return FunctionSignature.parse(signature).selector().toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCanonicalCalldata")
  void refusesCalldataThatIsNotCanonicallyEncoded(String name, String signature, String calldata) {
    assertThatThrownBy(
            () -> AbiDecoder.decode(FunctionSignature.parse(signature), HexData.parse(calldata)))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void decodesCanonicalStaticArguments() {
    String data =
        selector("f(int8,bool,bytes4)")
            + "f".repeat(64)
            + "0".repeat(63)
            + "1"
            + "aabbccdd"
            + "0".repeat(56);

    List<Object> args =
        AbiDecoder.decode(FunctionSignature.parse("f(int8,bool,bytes4)"), HexData.parse(data));

    assertThat(args).containsExactly(BigInteger.valueOf(-1), true, HexData.parse("0xaabbccdd"));
  }

  /**
   * Property over random transfers: the canonical encoding decodes to what was encoded; the same
   * bytes with any suffix, or with any of the address word's 12 upper bytes set, never decode.
   */
  @Test
  void aTransferDecodesOnlyInItsOneCanonicalEncoding() {
    FunctionSignature transfer = FunctionSignature.parse("transfer(address,uint256)");
    java.util.Random random = new java.util.Random(13);
    for (int i = 0; i < 500; i++) {
      byte[] address = new byte[20];
      random.nextBytes(address);
      BigInteger amount = new BigInteger(1 + random.nextInt(256), random);
      HexData canonical = Intents.erc20Transfer(Address.fromBytes(address), amount);

      assertThat(AbiDecoder.decode(transfer, canonical))
          .containsExactly(Address.fromBytes(address), amount);

      byte[] suffix = new byte[1 + random.nextInt(64)];
      random.nextBytes(suffix);
      byte[] longer =
          java.util.Arrays.copyOf(canonical.toByteArray(), canonical.length() + suffix.length);
      System.arraycopy(suffix, 0, longer, canonical.length(), suffix.length);
      assertThatThrownBy(() -> AbiDecoder.decode(transfer, HexData.of(longer)))
          .isInstanceOf(AbiDecodingException.class);

      byte[] dirty = canonical.toByteArray();
      dirty[4 + random.nextInt(12)] |= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> AbiDecoder.decode(transfer, HexData.of(dirty)))
          .isInstanceOf(AbiDecodingException.class);
    }
  }
}
