package io.custos.policy.model;

import io.custos.policy.intent.Payload;
import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import java.util.Set;

/**
 * Implied in every rule that can allow and names no method (no {@code erc20} or {@code call}
 * condition): a call to a token of the address book matches only as a strictly decoded ERC-20
 * {@code transfer}. Approve, transferFrom, permit, unknown methods and non-canonical calldata move
 * or expose tokens in ways such a rule's limits do not see, so only a rule that names the method
 * can allow them.
 *
 * @param tokens the contracts of the address book's tokens
 */
public record TokenCallCondition(Set<Address> tokens) implements Condition {
  private static final HexData TRANSFER_SELECTOR = HexData.parse("0xa9059cbb");

  public TokenCallCondition {
    tokens = Set.copyOf(tokens);
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
    if (!(context.intent().payload() instanceof Payload.ContractCall call)
        || !tokens.contains(call.to())) {
      return null;
    }
    Erc20Call erc20 = context.erc20();
    if (erc20 != null && erc20.function() == Erc20Call.Function.TRANSFER) {
      return null;
    }
    return "the call to token "
        + call.to()
        + " is "
        + method(erc20, call.data())
        + ", not a strictly encoded transfer: other calls to an address-book token need a rule"
        + " that names the method (erc20 functions or call)";
  }

  private static String method(Erc20Call erc20, HexData data) {
    if (erc20 != null) {
      return erc20.function().policyName();
    }
    if (data.length() < 4) {
      return "calldata without a selector";
    }
    if (data.startsWith(TRANSFER_SELECTOR)) {
      return "transfer with non-canonical calldata";
    }
    return "method " + HexData.of(data.slice(0, 4));
  }

  @Override
  public String describe() {
    return "calls to address-book tokens are strictly encoded transfers";
  }

  /** After the conditions that name what a rule is about, so their mismatch is reported first. */
  @Override
  public int cost() {
    return 6;
  }
}
