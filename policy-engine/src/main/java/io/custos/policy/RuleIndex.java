package io.custos.policy;

import io.custos.policy.intent.Wallet;
import io.custos.policy.model.Condition;
import io.custos.policy.model.Rule;
import io.custos.policy.model.WalletCondition;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules can match a wallet at all. Policies with many rules are mostly per-team or
 * per-wallet; looking rules up by wallet id, label, tag and address keeps a decision from testing
 * every rule in turn. The rules skipped here fail on their wallet condition, and the explanation
 * says so when rendered.
 */
final class RuleIndex {
  private final BitSet anyWallet = new BitSet();
  private final Map<String, BitSet> byId = new HashMap<>();
  private final Map<String, BitSet> byLabel = new HashMap<>();
  private final Map<String, BitSet> byTag = new HashMap<>();
  private final Map<String, BitSet> byAddress = new HashMap<>();

  RuleIndex(List<Rule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      WalletCondition wallets = walletCondition(rules.get(i));
      if (wallets == null) {
        anyWallet.set(i);
        continue;
      }
      register(byId, wallets.ids(), i);
      register(byLabel, wallets.labels(), i);
      register(byTag, wallets.tags(), i);
      register(byAddress, wallets.addresses().stream().map(a -> a.lowerHex()).toList(), i);
    }
  }

  private static WalletCondition walletCondition(Rule rule) {
    for (Condition condition : rule.conditions()) {
      if (condition instanceof WalletCondition w) {
        return w;
      }
    }
    return null;
  }

  private static void register(Map<String, BitSet> index, Iterable<String> keys, int rule) {
    for (String key : keys) {
      index.computeIfAbsent(key, k -> new BitSet()).set(rule);
    }
  }

  /** The rules whose wallet condition (if any) admits {@code wallet}. */
  BitSet candidates(Wallet wallet) {
    BitSet out = (BitSet) anyWallet.clone();
    or(out, byId.get(wallet.id()));
    or(out, byLabel.get(wallet.label()));
    or(out, byAddress.get(wallet.address().lowerHex()));
    for (String tag : wallet.tags()) {
      or(out, byTag.get(tag));
    }
    return out;
  }

  private static void or(BitSet into, BitSet from) {
    if (from != null) {
      into.or(from);
    }
  }
}
