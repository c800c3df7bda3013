package io.custos.service.policy;

import io.custos.audit.AuditLog;
import io.custos.audit.EntryType;
import io.custos.service.approvals.Deployment;
import io.custos.service.audit.Audit;
import io.custos.service.chain.EthereumConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the active policy's document on the audit log whenever the service starts with a policy
 * whose hash differs from the last one it ran with: decisions name their policy by hash, and an
 * offline checker recounts quorums with the document this entry holds.
 */
@ApplicationScoped
class PolicyActivation {

  static final EntryType POLICY_ACTIVATED = new EntryType("policy.activated");

  private final ActivePolicy active;
  private final Deployment deployment;
  private final EthereumConfig chain;
  private final Audit audit;
  private final EntityManager em;
  private final Clock clock;

  PolicyActivation(
      ActivePolicy active,
      Deployment deployment,
      EthereumConfig chain,
      Audit audit,
      EntityManager em,
      Clock clock,
      AuditLog log) {
    // The log (a singleton, injected without a proxy) is built here, before the transaction of
    // onStart begins: building it migrates the audit schema, which must not run inside one.
    Objects.requireNonNull(log);
    this.active = active;
    this.deployment = deployment;
    this.chain = chain;
    this.audit = audit;
    this.em = em;
    this.clock = clock;
  }

  @Transactional
  void onStart(@Observes StartupEvent start) {
    em.createNativeQuery("LOCK TABLE policy_activation IN EXCLUSIVE MODE").executeUpdate();
    String hash = active.policy().hash();
    List<?> last =
        em.createNativeQuery("SELECT hash FROM policy_activation ORDER BY seq DESC LIMIT 1")
            .getResultList();
    if (!last.isEmpty() && hash.equals(last.getFirst())) {
      return;
    }
    em.createNativeQuery("INSERT INTO policy_activation (hash, activated_at) VALUES (?1, ?2)")
        .setParameter(1, hash)
        .setParameter(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .executeUpdate();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hash", hash);
    p.put("name", active.policy().name());
    p.put("previousHash", last.isEmpty() ? "" : last.getFirst());
    p.put("deploymentId", deployment.id().toString());
    p.put("chainId", Long.toString(chain.chainId()));
    p.put("document", active.current().document());
    audit.record(POLICY_ACTIVATED, Audit.SYSTEM, List.of("policy:" + hash), p);
  }
}
