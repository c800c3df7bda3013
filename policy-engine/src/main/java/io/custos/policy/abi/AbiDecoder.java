package io.custos.policy.abi;

import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict ABI decoding of calldata against a known signature. Anything a canonical encoder would not
 * produce (dirty padding, out-of-range integers, offsets or lengths outside the data, tails out of
 * order or apart, bytes after the last argument) is rejected, so a rule never approves bytes that a
 * contract could read differently than the policy did, and every byte of what is signed was read by
 * the policy: there is exactly one encoding of each decoded call.
 */
public final class AbiDecoder {
  private static final int WORD = 32;

  private AbiDecoder() {}

  /**
   * Decodes the arguments of {@code calldata} for {@code signature}.
   *
   * <p>Values are {@link Address}, {@link BigInteger} (integers), {@link Boolean}, {@link HexData}
   * (fixed and dynamic bytes) or {@link String}.
   *
   * @throws AbiDecodingException when the selector differs or the encoding is not strict
   */
  public static List<Object> decode(FunctionSignature signature, HexData calldata) {
    if (calldata.length() < 4 || !calldata.startsWith(signature.selector())) {
      throw new AbiDecodingException("selector is not " + signature.canonical());
    }
    byte[] args = calldata.slice(4, calldata.length());
    List<FunctionSignature.Parameter> params = signature.parameters();
    if (args.length < (long) params.size() * WORD) {
      throw new AbiDecodingException("calldata is shorter than the argument heads");
    }
    List<Object> values = new ArrayList<>(params.size());
    // A canonical encoder lays the tails out in argument order, right after the heads.
    int end = params.size() * WORD;
    for (int i = 0; i < params.size(); i++) {
      AbiType type = params.get(i).type();
      byte[] head = Arrays.copyOfRange(args, i * WORD, (i + 1) * WORD);
      if (type.dynamic()) {
        Tail tail = decodeDynamic(type, args, head, end);
        values.add(tail.value());
        end = tail.end();
      } else {
        values.add(decodeStatic(type, head));
      }
    }
    if (args.length != end) {
      // Contracts ignore trailing bytes, so they would carry nothing the policy checked, but two
      // encodings of one call would let one reader count what another does not.
      throw new AbiDecodingException(
          "calldata has " + (args.length - end) + " bytes after the arguments");
    }
    return List.copyOf(values);
  }

  /** A dynamic value and where its padded tail ends. */
  private record Tail(Object value, int end) {}

  private static Object decodeStatic(AbiType type, byte[] word) {
    return switch (type) {
      case AbiType.AddressType a -> {
        requireZero(word, 0, 12, "address has dirty upper bytes");
        yield Address.fromBytes(Arrays.copyOfRange(word, 12, 32));
      }
      case AbiType.BoolType b -> {
        requireZero(word, 0, 31, "bool has dirty upper bytes");
        if (word[31] != 0 && word[31] != 1) {
          throw new AbiDecodingException("bool is neither 0 nor 1");
        }
        yield word[31] == 1;
      }
      case AbiType.IntType t -> decodeInt(t, word);
      case AbiType.FixedBytesType f -> {
        requireZero(word, f.size(), WORD, "bytes" + f.size() + " has dirty padding");
        yield HexData.of(Arrays.copyOf(word, f.size()));
      }
      default -> throw new IllegalStateException("not a static type: " + type.canonical());
    };
  }

  private static BigInteger decodeInt(AbiType.IntType type, byte[] word) {
    BigInteger value = type.signed() ? new BigInteger(word) : new BigInteger(1, word);
    if (value.compareTo(type.min()) < 0 || value.compareTo(type.max()) > 0) {
      throw new AbiDecodingException(type.canonical() + " is out of range");
    }
    return value;
  }

  private static Tail decodeDynamic(AbiType type, byte[] args, byte[] head, int expectedOffset) {
    int offset = toIndex(head, "offset");
    if (offset != expectedOffset) {
      throw new AbiDecodingException(
          "offset " + offset + " is not " + expectedOffset + ", where the canonical tail starts");
    }
    if ((long) offset + WORD > args.length) {
      throw new AbiDecodingException("offset points outside the calldata");
    }
    int length = toIndex(Arrays.copyOfRange(args, offset, offset + WORD), "length");
    long start = (long) offset + WORD;
    long paddedEnd = start + ((length + WORD - 1L) / WORD) * WORD;
    if (paddedEnd > args.length) {
      throw new AbiDecodingException("dynamic value runs past the calldata");
    }
    requireZero(args, (int) (start + length), (int) paddedEnd, "dynamic value has dirty padding");
    byte[] content = Arrays.copyOfRange(args, (int) start, (int) (start + length));
    Object value = type instanceof AbiType.StringType ? utf8(content) : HexData.of(content);
    return new Tail(value, (int) paddedEnd);
  }

  private static int toIndex(byte[] word, String what) {
    BigInteger value = new BigInteger(1, word);
    if (value.bitLength() > 30) {
      throw new AbiDecodingException(what + " is too large");
    }
    return value.intValue();
  }

  private static String utf8(byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AbiDecodingException("string is not valid UTF-8");
    }
  }

  private static void requireZero(byte[] bytes, int from, int to, String message) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        throw new AbiDecodingException(message);
      }
    }
  }
}
