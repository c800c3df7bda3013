package io.custos.policy.model;

import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Scope;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Amount;
import io.custos.policy.value.Asset;
import java.math.BigInteger;
import java.time.Duration;

/** A limit on a rule: per transaction, or over a rolling window. */
public sealed interface Limit {

  /**
   * At most {@code max} of its asset in one intent.
   *
   * @param max the largest amount
   */
  record PerTransaction(Amount max) implements Limit {}

  /**
   * At most {@code max} (count or amount) within {@code window}, per {@code scope}.
   *
   * @param window the rolling window
   * @param scope what the usage is counted per
   * @param measure count or amount of an asset
   * @param max the largest total including this intent
   */
  record Window(Duration window, Scope scope, Measure measure, BigInteger max) implements Limit {
    /** The usage figure this limit needs for {@code context}. */
    public UsageKey key(EvaluationContext context, String ruleName) {
      return new UsageKey(window, scope, subject(context, ruleName), measure);
    }

    private String subject(EvaluationContext context, String ruleName) {
      TransactionIntent intent = context.intent();
      return switch (scope) {
        case WALLET -> intent.wallet().id();
        case REQUESTER -> context.requester().subject();
        case RULE -> ruleName;
        case DESTINATION -> {
          if (context.erc20() != null) {
            yield context.erc20().counterparty().lowerHex();
          }
          yield intent.to() == null ? "none" : intent.to().lowerHex();
        }
      };
    }
  }

  /** What this intent adds to the measure: the amount of the asset it moves, or one. */
  static BigInteger contribution(Measure measure, EvaluationContext context) {
    return switch (measure) {
      case Measure.Count c -> BigInteger.ONE;
      case Measure.AmountOf a -> amountOf(a.asset(), context);
    };
  }

  /** The amount of {@code asset} the intent moves; zero when it moves none. */
  static BigInteger amountOf(Asset asset, EvaluationContext context) {
    return switch (asset) {
      case Asset.Native n -> context.intent().value().value();
      case Asset.Token t ->
          context.erc20() != null && context.erc20().token().equals(t.address())
              ? context.erc20().amount()
              : BigInteger.ZERO;
    };
  }
}
