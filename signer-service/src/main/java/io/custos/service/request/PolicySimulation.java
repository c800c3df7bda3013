package io.custos.service.request;

import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.Simulation;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.usage.Usage;
import io.custos.policy.usage.UsageKey;
import io.custos.service.governance.RecentRequests;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replays the most recent requests under the active policy and a candidate: what a policy change
 * would have decided differently. Each request is decided again as of its creation, with the
 * verdicts that count on it now and the usage figures (of both policies' limits) at that time.
 */
@ApplicationScoped
public class PolicySimulation implements RecentRequests {

  private final EntityManager em;
  private final RequestRepository repository;
  private final Verdicts verdicts;
  private final WalletService wallets;

  PolicySimulation(
      EntityManager em, RequestRepository repository, Verdicts verdicts, WalletService wallets) {
    this.em = em;
    this.repository = repository;
    this.verdicts = verdicts;
    this.wallets = wallets;
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Simulation.Report simulate(Policy current, Policy candidate) {
    PolicyEngine before = new PolicyEngine(current);
    PolicyEngine after = new PolicyEngine(candidate);
    Map<UUID, WalletView> byId =
        wallets.list().stream().collect(Collectors.toMap(WalletView::id, Function.identity()));
    List<Simulation.Case> cases = new ArrayList<>();
    for (RequestEntity r :
        em.createQuery("FROM RequestEntity ORDER BY createdAt DESC, id DESC", RequestEntity.class)
            .setMaxResults(REPLAYED)
            .getResultList()) {
      TransactionIntent intent = Evaluator.intent(byId.get(r.walletId), RequestMapping.draftOf(r));
      Requester who = RequestMapping.requesterOf(r);
      Set<UsageKey> keys = new LinkedHashSet<>(before.requiredUsage(intent, who));
      keys.addAll(after.requiredUsage(intent, who));
      Usage usage = new Usage(repository.usage(List.copyOf(keys), r.createdAt, r.id, r.replaces));
      cases.add(
          new Simulation.Case(
              r.id.toString(),
              intent,
              who,
              verdicts.counted(r.id, current.hash()),
              usage,
              r.createdAt));
    }
    return Simulation.run(cases, current, candidate);
  }
}
