package io.custos.policy.abi;

import java.math.BigInteger;

/**
 * The ABI types a policy can constrain: elementary types and dynamic {@code bytes}/{@code string}.
 */
public sealed interface AbiType {

  /** The canonical name used in the selector, e.g. {@code uint256}. */
  String canonical();

  /** True for types encoded in the tail (behind an offset). */
  default boolean dynamic() {
    return false;
  }

  /** {@code address}. */
  record AddressType() implements AbiType {
    @Override
    public String canonical() {
      return "address";
    }
  }

  /** {@code bool}. */
  record BoolType() implements AbiType {
    @Override
    public String canonical() {
      return "bool";
    }
  }

  /** {@code uint<bits>} or {@code int<bits>}. */
  record IntType(int bits, boolean signed) implements AbiType {
    public IntType {
      if (bits < 8 || bits > 256 || bits % 8 != 0) {
        throw new IllegalArgumentException("integer width must be a multiple of 8 in [8, 256]");
      }
    }

    @Override
    public String canonical() {
      return (signed ? "int" : "uint") + bits;
    }

    /** Smallest representable value. */
    public BigInteger min() {
      return signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    }

    /** Largest representable value. */
    public BigInteger max() {
      return BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
    }
  }

  /** {@code bytes<size>}, 1 to 32. */
  record FixedBytesType(int size) implements AbiType {
    public FixedBytesType {
      if (size < 1 || size > 32) {
        throw new IllegalArgumentException("fixed bytes size must be in [1, 32]");
      }
    }

    @Override
    public String canonical() {
      return "bytes" + size;
    }
  }

  /** Dynamic {@code bytes}. */
  record BytesType() implements AbiType {
    @Override
    public String canonical() {
      return "bytes";
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }

  /** Dynamic {@code string} (UTF-8). */
  record StringType() implements AbiType {
    @Override
    public String canonical() {
      return "string";
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }

  /**
   * Parses a type name; {@code uint} and {@code int} mean 256 bits.
   *
   * @throws IllegalArgumentException for arrays, tuples and unknown names
   */
  static AbiType parse(String name) {
    switch (name) {
      case "address":
        return new AddressType();
      case "bool":
        return new BoolType();
      case "bytes":
        return new BytesType();
      case "string":
        return new StringType();
      case "uint":
        return new IntType(256, false);
      case "int":
        return new IntType(256, true);
      default:
        return parseSized(name);
    }
  }

  private static AbiType parseSized(String name) {
    try {
      if (name.matches("uint[0-9]{1,3}")) {
        return new IntType(Integer.parseInt(name.substring(4)), false);
      }
      if (name.matches("int[0-9]{1,3}")) {
        return new IntType(Integer.parseInt(name.substring(3)), true);
      }
      if (name.matches("bytes[0-9]{1,2}")) {
        return new FixedBytesType(Integer.parseInt(name.substring(5)));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported ABI type '" + name + "': " + e.getMessage());
    }
    throw new IllegalArgumentException(
        "unsupported ABI type '" + name + "' (arrays and tuples cannot be constrained)");
  }
}
