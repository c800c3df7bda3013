package io.custos.policy.model;

import io.custos.policy.intent.Payload;
import io.custos.policy.intent.TypedData;
import io.custos.policy.value.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * The intent is EIP-712 typed data whose domain and primary type match, and whose message fields
 * meet the constraints. Field values arrive as strings and are read as the constraint's operands
 * are typed: addresses, integers or text.
 *
 * @param chainIds accepted domain chain ids; empty for any
 * @param verifyingContract constraint on the domain's verifying contract
 * @param primaryTypes accepted primary types; empty for any
 * @param fields constraints on top-level message fields, by field name
 */
public record TypedDataCondition(
    Set<Long> chainIds,
    AddressMatch verifyingContract,
    Set<String> primaryTypes,
    List<ArgConstraint> fields)
    implements Condition {
  public TypedDataCondition {
    chainIds = Set.copyOf(chainIds);
    primaryTypes = Set.copyOf(primaryTypes);
    fields = List.copyOf(fields);
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
    if (!(context.intent().payload() instanceof Payload.TypedDataPayload payload)) {
      return "not EIP-712 typed data";
    }
    TypedData data = payload.typedData();
    if (!chainIds.isEmpty()
        && (data.domainChainId() == null || !chainIds.contains(data.domainChainId().value()))) {
      return "domain chain id " + data.domainChainId() + " is not in " + chainIds;
    }
    if (verifyingContract != AddressMatch.ANY
        && !verifyingContract.test(data.verifyingContract())) {
      return verifyingContract.mismatch("verifying contract", data.verifyingContract());
    }
    if (!primaryTypes.isEmpty() && !primaryTypes.contains(data.primaryType())) {
      return "primary type " + data.primaryType() + " is not in " + primaryTypes;
    }
    for (ArgConstraint field : fields) {
      String raw = data.message().get(field.name());
      if (raw == null) {
        return "field " + field.name() + " is absent";
      }
      if (!field.test(coerce(raw, field))) {
        return "field " + field.name() + " = " + raw + " fails " + field.describe();
      }
    }
    return null;
  }

  private static Object coerce(String raw, ArgConstraint field) {
    Object sample = field.operands().get(0);
    try {
      if (sample instanceof Address || sample instanceof AddressSet) {
        return Address.parse(raw);
      }
      if (sample instanceof BigInteger) {
        return new BigInteger(raw);
      }
    } catch (IllegalArgumentException e) {
      return raw; // a value of the wrong shape fails every typed comparison
    }
    return raw;
  }

  @Override
  public String describe() {
    return "typed data with chain ids "
        + chainIds
        + ", verifying contract "
        + verifyingContract.describe()
        + ", primary types "
        + primaryTypes
        + (fields.isEmpty()
            ? ""
            : ", fields " + fields.stream().map(ArgConstraint::describe).toList());
  }

  @Override
  public int cost() {
    return 3;
  }
}
