package io.custos.policy.model;

import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.util.List;

/**
 * A constraint on one decoded argument (or typed-data field).
 *
 * @param name the argument as written in the policy
 * @param op the comparison
 * @param operands the typed operands: Address, BigInteger, Boolean, HexData or String, matching the
 *     argument's type; for IN / NOT_IN one {@link AddressSet}
 */
public record ArgConstraint(String name, Op op, List<Object> operands) {

  /** The comparisons; names are as written in policies. */
  public enum Op {
    EQUALS("equals"),
    ONE_OF("one_of"),
    LTE("lte"),
    GTE("gte"),
    PREFIX("prefix"),
    IN("in"),
    NOT_IN("not_in");

    private final String policyName;

    Op(String policyName) {
      this.policyName = policyName;
    }

    public String policyName() {
      return policyName;
    }

    /** Looks an op up by its policy name; null when there is none. */
    public static Op fromPolicyName(String name) {
      for (Op op : values()) {
        if (op.policyName.equals(name)) {
          return op;
        }
      }
      return null;
    }
  }

  public ArgConstraint {
    operands = List.copyOf(operands);
  }

  /** True when {@code value} satisfies the constraint; values of the wrong type never do. */
  public boolean test(Object value) {
    return switch (op) {
      case EQUALS -> operands.get(0).equals(value);
      case ONE_OF -> operands.contains(value);
      case LTE -> value instanceof BigInteger v && v.compareTo((BigInteger) operands.get(0)) <= 0;
      case GTE -> value instanceof BigInteger v && v.compareTo((BigInteger) operands.get(0)) >= 0;
      case PREFIX -> prefix(value);
      case IN -> value instanceof Address a && ((AddressSet) operands.get(0)).contains(a);
      case NOT_IN -> value instanceof Address a && !((AddressSet) operands.get(0)).contains(a);
    };
  }

  private boolean prefix(Object value) {
    Object expected = operands.get(0);
    if (value instanceof HexData bytes && expected instanceof HexData start) {
      return bytes.startsWith(start);
    }
    return value instanceof String text
        && expected instanceof String start
        && text.startsWith(start);
  }

  /** How this constraint reads in an explanation. */
  public String describe() {
    return name + " " + op.policyName() + " " + (operands.size() == 1 ? operands.get(0) : operands);
  }
}
