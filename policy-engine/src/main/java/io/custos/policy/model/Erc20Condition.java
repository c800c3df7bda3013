package io.custos.policy.model;

import io.custos.policy.value.Amount;
import io.custos.policy.value.Asset;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;

/**
 * The intent is a strictly decoded ERC-20 call on {@code token} with one of the functions, whose
 * recipient (transfers) or spender (approve) and amount are within bounds.
 *
 * @param token the token, from the address book
 * @param functions the accepted functions
 * @param recipient constraint on the recipient of transfer/transferFrom
 * @param spender constraint on the spender of approve
 * @param min the least amount, in the token's smallest unit
 * @param max the greatest amount, in the token's smallest unit
 */
public record Erc20Condition(
    Asset.Token token,
    Set<Erc20Call.Function> functions,
    AddressMatch recipient,
    AddressMatch spender,
    BigInteger min,
    BigInteger max)
    implements Condition {
  public Erc20Condition {
    functions = Set.copyOf(EnumSet.copyOf(functions));
  }

  @Override
  public boolean test(EvaluationContext context) {
    return problem(context.erc20()) == null;
  }

  @Override
  public String mismatch(EvaluationContext context) {
    return problem(context.erc20());
  }

  private String problem(Erc20Call call) {
    if (call == null) {
      return "not a strictly encoded ERC-20 transfer, transferFrom or approve";
    }
    if (!call.token().equals(token.address())) {
      return "token " + call.token() + " is not " + token.symbol();
    }
    if (!functions.contains(call.function())) {
      return "function " + call.function().policyName() + " is not allowed";
    }
    boolean isApprove = call.function() == Erc20Call.Function.APPROVE;
    AddressMatch party = isApprove ? spender : recipient;
    if (!party.test(call.counterparty())) {
      return party.mismatch(isApprove ? "spender" : "recipient", call.counterparty());
    }
    if (call.amount().compareTo(min) < 0 || call.amount().compareTo(max) > 0) {
      return "amount " + new Amount(token, call.amount()) + " is not in " + range();
    }
    return null;
  }

  @Override
  public String describe() {
    return "ERC-20 "
        + token.symbol()
        + " "
        + functions
        + " recipient "
        + recipient.describe()
        + " spender "
        + spender.describe()
        + " amount in "
        + range();
  }

  private String range() {
    return "[" + new Amount(token, min) + ", " + new Amount(token, max) + "]";
  }

  @Override
  public int cost() {
    return 3;
  }
}
