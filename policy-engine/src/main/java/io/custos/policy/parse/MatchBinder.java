package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.abi.FunctionSignature;
import io.custos.policy.intent.Kind;
import io.custos.policy.model.AddressMatch;
import io.custos.policy.model.ArgConstraint;
import io.custos.policy.model.CallCondition;
import io.custos.policy.model.ChainCondition;
import io.custos.policy.model.Condition;
import io.custos.policy.model.DestinationCondition;
import io.custos.policy.model.Erc20Call;
import io.custos.policy.model.Erc20Condition;
import io.custos.policy.model.FeeCondition;
import io.custos.policy.model.KindCondition;
import io.custos.policy.model.TypedDataCondition;
import io.custos.policy.model.ValueCondition;
import io.custos.policy.model.WalletCondition;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Binds a rule's {@code match} block to conditions. */
final class MatchBinder {
  static final Set<String> KEYS =
      Set.of(
          "wallets",
          "chains",
          "kinds",
          "to",
          "value",
          "fees",
          "erc20",
          "call",
          "typed_data",
          "time",
          "requester");

  private final Values values;
  private final ArgBinder args;
  private final WhoWhenBinder whoWhen;

  MatchBinder(Values values) {
    this.values = values;
    this.args = new ArgBinder(values);
    this.whoWhen = new WhoWhenBinder(values);
  }

  List<Condition> bind(Cursor match) throws PolicyParseException {
    List<Condition> conditions = new ArrayList<>();
    if (match == null) {
      return conditions;
    }
    for (String key : match.map(KEYS).entries().keySet()) {
      conditions.add(bindOne(key, match.require(key)));
    }
    return conditions;
  }

  private Condition bindOne(String key, Cursor at) throws PolicyParseException {
    return switch (key) {
      case "wallets" -> wallets(at);
      case "chains" -> chains(at);
      case "kinds" -> kinds(at);
      case "to" -> new DestinationCondition(values.addressMatch(at));
      case "value" -> value(at);
      case "fees" -> fees(at);
      case "erc20" -> erc20(at);
      case "call" -> call(at);
      case "typed_data" -> typedData(at);
      case "time" -> WhoWhenBinder.time(at);
      case "requester" -> whoWhen.requester(at);
      default -> throw at.error("unknown condition");
    };
  }

  private WalletCondition wallets(Cursor at) throws PolicyParseException {
    at.map(Set.of("ids", "labels", "tags", "addresses"));
    Set<String> ids = optionalTexts(at.get("ids"));
    Set<String> labels = optionalTexts(at.get("labels"));
    Set<String> tags = optionalTexts(at.get("tags"));
    Cursor addressesAt = at.get("addresses");
    Set<Address> addresses =
        addressesAt == null ? Set.of() : values.addressSet(addressesAt).addresses();
    if (ids.isEmpty() && labels.isEmpty() && tags.isEmpty() && addresses.isEmpty()) {
      throw at.error("give at least one of ids, labels, tags, addresses");
    }
    return new WalletCondition(ids, labels, tags, addresses);
  }

  private static Set<String> optionalTexts(Cursor at) throws PolicyParseException {
    return at == null ? Set.of() : new HashSet<>(at.textItems());
  }

  private static ChainCondition chains(Cursor at) throws PolicyParseException {
    List<Cursor> items = at.nonEmptyItems();
    long[] ids = new long[items.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = items.get(i).integer(1, Long.MAX_VALUE);
    }
    return new ChainCondition(ids);
  }

  private static KindCondition kinds(Cursor at) throws PolicyParseException {
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (Cursor item : at.nonEmptyItems()) {
      Kind kind = Kind.fromPolicyName(item.text());
      if (kind == null) {
        throw item.error(
            "unknown kind '"
                + item.text()
                + "' (native_transfer, contract_call, "
                + "contract_deployment, message, typed_data)");
      }
      kinds.add(kind);
    }
    return new KindCondition(kinds);
  }

  private ValueCondition value(Cursor at) throws PolicyParseException {
    at.map(Set.of("min", "max", "multiple_of"));
    Wei min = at.get("min") == null ? Wei.ZERO : new Wei(values.nativeAmount(at.get("min")));
    Wei max =
        at.get("max") == null
            ? new Wei(Wei.MAX_UINT256)
            : new Wei(values.nativeAmount(at.get("max")));
    Wei step =
        at.get("multiple_of") == null
            ? Wei.of(1)
            : new Wei(values.nativeAmount(at.get("multiple_of")));
    if (step.value().signum() == 0) {
      throw at.require("multiple_of").error("must be positive");
    }
    if (min.compareTo(max) > 0) {
      throw at.error("min is greater than max");
    }
    return new ValueCondition(min, max, step);
  }

  private FeeCondition fees(Cursor at) throws PolicyParseException {
    at.map(Set.of("max_fee_per_gas", "max_priority_fee_per_gas", "max_total"));
    if (at.get("max_fee_per_gas") == null
        && at.get("max_priority_fee_per_gas") == null
        && at.get("max_total") == null) {
      throw at.error("give at least one of max_fee_per_gas, max_priority_fee_per_gas, max_total");
    }
    return new FeeCondition(
        weiOrUnbounded(at.get("max_fee_per_gas")),
        weiOrUnbounded(at.get("max_priority_fee_per_gas")),
        weiOrUnbounded(at.get("max_total")));
  }

  private Wei weiOrUnbounded(Cursor at) throws PolicyParseException {
    return at == null ? new Wei(Wei.MAX_UINT256) : new Wei(values.nativeAmount(at));
  }

  private Erc20Condition erc20(Cursor at) throws PolicyParseException {
    at.map(Set.of("token", "functions", "recipient", "spender", "min", "max"));
    Cursor tokenAt = at.require("token");
    Asset.Token token = values.token(tokenAt);
    Set<Erc20Call.Function> functions = EnumSet.noneOf(Erc20Call.Function.class);
    if (at.get("functions") == null) {
      // approve and transferFrom must be named: an allowance is not what "erc20: USDC" suggests.
      functions.add(Erc20Call.Function.TRANSFER);
    } else {
      for (Cursor item : at.require("functions").nonEmptyItems()) {
        Erc20Call.Function f = Erc20Call.Function.fromPolicyName(item.text());
        if (f == null) {
          throw item.error(
              "unknown ERC-20 function '" + item.text() + "' (transfer, transferFrom, approve)");
        }
        functions.add(f);
      }
    }
    AddressMatch recipient =
        at.get("recipient") == null ? AddressMatch.ANY : values.addressMatch(at.get("recipient"));
    AddressMatch spender =
        at.get("spender") == null ? AddressMatch.ANY : values.addressMatch(at.get("spender"));
    BigInteger min =
        at.get("min") == null ? BigInteger.ZERO : values.tokenAmount(at.get("min"), token);
    BigInteger max =
        at.get("max") == null ? Wei.MAX_UINT256 : values.tokenAmount(at.get("max"), token);
    if (min.compareTo(max) > 0) {
      throw at.error("min is greater than max");
    }
    return new Erc20Condition(token, functions, recipient, spender, min, max);
  }

  private CallCondition call(Cursor at) throws PolicyParseException {
    at.map(Set.of("to", "function", "args"));
    AddressMatch contracts = values.addressMatch(at.require("to"));
    Cursor functionAt = at.require("function");
    FunctionSignature function;
    try {
      function = FunctionSignature.parse(functionAt.text());
    } catch (IllegalArgumentException e) {
      throw functionAt.error(e.getMessage());
    }
    List<Integer> indexes = new ArrayList<>();
    List<ArgConstraint> constraints = new ArrayList<>();
    Cursor argsAt = at.get("args");
    if (argsAt != null) {
      args.bindCallArgs(argsAt, function, indexes, constraints);
    }
    return new CallCondition(contracts, function, indexes, constraints);
  }

  private TypedDataCondition typedData(Cursor at) throws PolicyParseException {
    at.map(Set.of("chain_ids", "verifying_contract", "primary_types", "fields"));
    Set<Long> chainIds = new HashSet<>();
    if (at.get("chain_ids") != null) {
      for (Cursor item : at.require("chain_ids").nonEmptyItems()) {
        chainIds.add(item.integer(1, Long.MAX_VALUE));
      }
    }
    AddressMatch contract =
        at.get("verifying_contract") == null
            ? AddressMatch.ANY
            : values.addressMatch(at.get("verifying_contract"));
    Set<String> primaryTypes = optionalTexts(at.get("primary_types"));
    List<ArgConstraint> fields =
        at.get("fields") == null ? List.of() : args.bindFields(at.get("fields"));
    return new TypedDataCondition(chainIds, contract, primaryTypes, fields);
  }
}
