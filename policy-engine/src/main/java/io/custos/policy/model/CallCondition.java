package io.custos.policy.model;

import io.custos.policy.abi.AbiDecoder;
import io.custos.policy.abi.AbiDecodingException;
import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.intent.Payload;
import java.util.List;

/**
 * The intent calls {@code function} on one of the contracts, with calldata that decodes strictly
 * and arguments that meet every constraint.
 *
 * @param contracts where the call may go
 * @param function the function, with parameter names for the constraints
 * @param argIndexes for each constraint, the index of its argument
 * @param constraints the argument constraints
 */
public record CallCondition(
    AddressMatch contracts,
    FunctionSignature function,
    List<Integer> argIndexes,
    List<ArgConstraint> constraints)
    implements Condition {
  public CallCondition {
    argIndexes = List.copyOf(argIndexes);
    constraints = List.copyOf(constraints);
    if (argIndexes.size() != constraints.size()) {
      throw new IllegalArgumentException("one index per constraint");
    }
  }

  @Override
  public boolean test(EvaluationContext context) {
    return problem(context) == null;
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return problem(context);
  }

  private String problem(EvaluationContext context) {
    if (!(context.intent().payload() instanceof Payload.ContractCall call)) {
      return "not a contract call";
    }
    if (!contracts.test(call.to())) {
      return contracts.mismatch("contract", call.to());
    }
    List<Object> args;
    try {
      args = AbiDecoder.decode(function, call.data());
    } catch (AbiDecodingException e) {
      return "calldata does not decode as " + function.canonical() + ": " + e.getMessage();
    }
    for (int i = 0; i < constraints.size(); i++) {
      Object value = args.get(argIndexes.get(i));
      if (!constraints.get(i).test(value)) {
        return "argument "
            + constraints.get(i).name()
            + " = "
            + value
            + " fails "
            + constraints.get(i).describe();
      }
    }
    return null;
  }

  @Override
  public String describe() {
    return "call "
        + function.canonical()
        + " on contract "
        + contracts.describe()
        + (constraints.isEmpty()
            ? ""
            : " where " + constraints.stream().map(ArgConstraint::describe).toList());
  }

  @Override
  public int cost() {
    return 4;
  }
}
