package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.abi.AbiType;
import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.model.ArgConstraint;
import io.custos.policy.model.ArgConstraint.Op;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds argument constraints ({@code equals}, {@code one_of}, {@code lte}, ...) to typed operands.
 */
final class ArgBinder {
  private final Values values;

  ArgBinder(Values values) {
    this.values = values;
  }

  /** Constraints on call arguments, typed by the function's parameter types. */
  void bindCallArgs(
      Cursor argsAt, FunctionSignature function, List<Integer> indexes, List<ArgConstraint> out)
      throws PolicyParseException {
    Node.MapNode map = argsAt.map(Set.copyOf(argNames(function)));
    for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
      String name = entry.getKey();
      int index = function.indexOf(name);
      Cursor opsAt = argsAt.require(name);
      AbiType type = function.parameters().get(index).type();
      for (String opName : opsAt.map(opNames()).entries().keySet()) {
        Op op = Op.fromPolicyName(opName);
        Cursor operandAt = opsAt.require(opName);
        checkOpFitsType(operandAt, op, type);
        indexes.add(index);
        out.add(new ArgConstraint(name, op, operands(operandAt, op, type)));
      }
    }
  }

  /** Constraints on typed-data fields; operand types follow from how they are written. */
  List<ArgConstraint> bindFields(Cursor fieldsAt) throws PolicyParseException {
    List<ArgConstraint> out = new ArrayList<>();
    Node.MapNode map = fieldsAt.map(anyKey(fieldsAt));
    for (String name : map.entries().keySet()) {
      Cursor opsAt = fieldsAt.require(name);
      for (String opName : opsAt.map(opNames()).entries().keySet()) {
        Op op = Op.fromPolicyName(opName);
        Cursor operandAt = opsAt.require(opName);
        out.add(new ArgConstraint(name, op, operands(operandAt, op, inferType(operandAt, op))));
      }
    }
    return out;
  }

  private static Set<String> anyKey(Cursor at) throws PolicyParseException {
    if (!(at.node() instanceof Node.MapNode map)) {
      throw at.error("expected a mapping of field names to constraints");
    }
    return map.entries().keySet();
  }

  private static List<String> argNames(FunctionSignature function) {
    return function.parameters().stream().map(FunctionSignature.Parameter::name).toList();
  }

  private static Set<String> opNames() {
    Set<String> names = new HashSet<>();
    for (Op op : Op.values()) {
      names.add(op.policyName());
    }
    return names;
  }

  private static void checkOpFitsType(Cursor at, Op op, AbiType type) throws PolicyParseException {
    boolean fits =
        switch (op) {
          case EQUALS, ONE_OF -> true;
          case LTE, GTE -> type instanceof AbiType.IntType;
          case PREFIX ->
              type instanceof AbiType.BytesType
                  || type instanceof AbiType.FixedBytesType
                  || type instanceof AbiType.StringType;
          case IN, NOT_IN -> type instanceof AbiType.AddressType;
        };
    if (!fits) {
      throw at.error("'" + op.policyName() + "' does not apply to " + type.canonical());
    }
  }

  private static AbiType inferType(Cursor at, Op op) throws PolicyParseException {
    if (op == Op.IN || op == Op.NOT_IN) {
      return new AbiType.AddressType();
    }
    if (op == Op.LTE || op == Op.GTE) {
      return new AbiType.IntType(256, true);
    }
    Cursor sample = op == Op.ONE_OF ? at.nonEmptyItems().get(0) : at;
    String text = sample.text();
    if (text.matches("0[xX][0-9a-fA-F]{40}")) {
      return new AbiType.AddressType();
    }
    if (text.matches("-?[0-9]+")) {
      return new AbiType.IntType(256, true);
    }
    return new AbiType.StringType();
  }

  private List<Object> operands(Cursor at, Op op, AbiType type) throws PolicyParseException {
    if (op == Op.IN || op == Op.NOT_IN) {
      return List.of(values.addressSet(at));
    }
    if (op == Op.ONE_OF) {
      List<Object> out = new ArrayList<>();
      for (Cursor item : at.nonEmptyItems()) {
        out.add(operand(item, type, false));
      }
      return out;
    }
    return List.of(operand(at, type, op == Op.PREFIX));
  }

  private Object operand(Cursor at, AbiType type, boolean prefix) throws PolicyParseException {
    return switch (type) {
      case AbiType.AddressType a -> Values.address(at);
      case AbiType.BoolType b -> at.bool();
      case AbiType.IntType t -> integer(at, t);
      case AbiType.FixedBytesType f -> bytes(at, prefix ? -1 : f.size(), f.size());
      case AbiType.BytesType b -> bytes(at, -1, Integer.MAX_VALUE);
      case AbiType.StringType s -> at.text();
    };
  }

  private BigInteger integer(Cursor at, AbiType.IntType type) throws PolicyParseException {
    String text = at.text().strip();
    BigInteger value;
    if (text.matches("-?[0-9]{1,78}")) {
      value = new BigInteger(text);
    } else {
      value = values.nativeAmount(at);
    }
    if (value.compareTo(type.min()) < 0 || value.compareTo(type.max()) > 0) {
      throw at.error("'" + text + "' does not fit in " + type.canonical());
    }
    return value;
  }

  private static HexData bytes(Cursor at, int exact, int max) throws PolicyParseException {
    HexData data;
    try {
      data = HexData.parse(at.text().strip());
    } catch (IllegalArgumentException e) {
      throw at.error("'" + at.text() + "' is not hex bytes: " + e.getMessage());
    }
    if ((exact >= 0 && data.length() != exact) || data.length() > max) {
      throw at.error("expected " + (exact >= 0 ? "exactly " + exact : "at most " + max) + " bytes");
    }
    return data;
  }
}
