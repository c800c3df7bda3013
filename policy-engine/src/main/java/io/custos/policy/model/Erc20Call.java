package io.custos.policy.model;

import io.custos.policy.abi.AbiDecoder;
import io.custos.policy.abi.AbiDecodingException;
import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.util.List;

/**
 * A strictly decoded ERC-20 {@code transfer}, {@code transferFrom} or {@code approve}.
 *
 * @param function which of the three
 * @param token the token contract called
 * @param counterparty the recipient (transfers) or spender (approve)
 * @param amount the amount in the token's smallest unit
 */
public record Erc20Call(Function function, Address token, Address counterparty, BigInteger amount) {

  /** The decoded functions; names are as written in policies. */
  public enum Function {
    TRANSFER("transfer", "transfer(address to, uint256 amount)"),
    TRANSFER_FROM("transferFrom", "transferFrom(address from, address to, uint256 amount)"),
    APPROVE("approve", "approve(address spender, uint256 amount)");

    private final String policyName;
    private final FunctionSignature signature;

    Function(String policyName, String signature) {
      this.policyName = policyName;
      this.signature = FunctionSignature.parse(signature);
    }

    public String policyName() {
      return policyName;
    }

    /** Looks a function up by its policy name; null when there is none. */
    public static Function fromPolicyName(String name) {
      for (Function f : values()) {
        if (f.policyName.equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  /**
   * Decodes calldata sent to {@code token}; null when it is not one of the three functions or does
   * not decode strictly.
   */
  public static Erc20Call decode(Address token, HexData data) {
    for (Function function : Function.values()) {
      if (data.length() >= 4 && data.startsWith(function.signature.selector())) {
        try {
          List<Object> args = AbiDecoder.decode(function.signature, data);
          int last = args.size() - 1;
          return new Erc20Call(
              function, token, (Address) args.get(last - 1), (BigInteger) args.get(last));
        } catch (AbiDecodingException e) {
          return null;
        }
      }
    }
    return null;
  }
}
