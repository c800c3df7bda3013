package io.custos.service.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.policy.PolicyEngine;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Scope;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.service.policy.ActivePolicy;
import io.custos.service.sending.Outgoing;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Decides requests with the active policy. Callers hold the locks of {@link #lock} for the rest of
 * their transaction, so the usage read here cannot change before the decision is recorded.
 */
@ApplicationScoped
class Evaluator {

  private final ActivePolicy policy;
  private final RequestRepository repository;
  private final ObjectMapper json;

  Evaluator(ActivePolicy policy, RequestRepository repository, ObjectMapper json) {
    this.policy = policy;
    this.repository = repository;
    this.json = json;
  }

  static TransactionIntent intent(WalletView wallet, Draft draft) {
    Wallet w =
        new Wallet(
            wallet.id().toString(),
            wallet.label(),
            new HashSet<>(wallet.tags()),
            Address.parse(wallet.address()));
    return new TransactionIntent(ChainId.of(wallet.chainId()), w, draft.payload(), fees(draft));
  }

  /** The same caps the sender later honours ({@link Outgoing#caps}). */
  private static FeeCaps fees(Draft d) {
    return Outgoing.caps(d.maxFeePerGas(), d.maxPriorityFeePerGas());
  }

  /**
   * Serializes every decision that reads the same usage: the wallet first, then each other usage
   * subject in sorted order, so two transactions never wait for each other's locks in a cycle.
   */
  void lock(TransactionIntent intent, Requester requester) {
    List<String> keys = new ArrayList<>();
    keys.add("custos:request:wallet:" + intent.wallet().id());
    TreeSet<String> others = new TreeSet<>();
    for (UsageKey key : policy.engine().requiredUsage(intent, requester)) {
      if (key.scope() != Scope.WALLET) {
        others.add("custos:usage:" + key.scope().policyName() + ":" + key.subject());
      }
    }
    keys.addAll(others);
    repository.lock(keys);
  }

  /**
   * Decides the request; the caller holds the locks of {@link #lock}. {@code original} is the
   * request a speed-up or cancel replaces (else null): its payload is not counted twice.
   */
  Evaluation decide(
      TransactionIntent intent,
      Requester requester,
      List<Approval> approvals,
      UUID requestId,
      UUID original,
      Instant now) {
    PolicyEngine engine = policy.engine();
    List<UsageKey> keys = engine.requiredUsage(intent, requester);
    Usage usage = new Usage(repository.usage(keys, now, requestId, original));
    Decision decision = engine.evaluate(intent, requester, approvals, usage, now);
    return Evaluation.of(decision, write(Explanation.of(decision)), now);
  }

  Explanation read(String explanationJson) {
    try {
      return json.readValue(explanationJson, Explanation.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored explanation does not parse", e);
    }
  }

  private String write(Explanation e) {
    try {
      return json.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an explanation cannot be written", ex);
    }
  }

  /** The decimals of a token of the active policy, or -1 when it has none of that symbol. */
  int tokenDecimals(String symbol) {
    var token = policy.policy().addressBook().tokens().get(symbol);
    return token == null ? -1 : token.decimals();
  }
}
