package io.custos.service.policy;

import io.custos.audit.AuditLog;
import io.custos.policy.Policy;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records each policy version that becomes active, with a {@code policy.activated} audit entry
 * holding its document: decisions name their policy by hash, and an offline checker recounts
 * quorums with the document this entry holds.
 *
 * <p>At startup the configured file is the first version. Once governance has activated a version,
 * the database's active version wins over the file: a restart must not undo an approved change (nor
 * let whoever edits the file bypass the quorum). A file that differs is then only warned about.
 */
@ApplicationScoped
public class PolicyActivation {

  private static final Logger LOG = Logger.getLogger(PolicyActivation.class);

  private final ActivePolicy active;
  private final PolicyVersions versions;
  private final DeploymentId deployment;
  private final EthereumConfig chain;
  private final Audit audit;
  private final Clock clock;

  PolicyActivation(
      ActivePolicy active,
      PolicyVersions versions,
      DeploymentId deployment,
      EthereumConfig chain,
      Audit audit,
      Clock clock,
      AuditLog log) {
    // The log (a singleton, injected without a proxy) is built here, before the transaction of
    // onStart begins: building it migrates the audit schema, which must not run inside one.
    Objects.requireNonNull(log);
    this.active = active;
    this.versions = versions;
    this.deployment = deployment;
    this.chain = chain;
    this.audit = audit;
    this.clock = clock;
  }

  /** Runs before other startup observers, so none of them decides by the file's version. */
  @Transactional
  void onStart(@Observes @Priority(1) StartupEvent start) {
    versions.lock();
    ActivePolicy.Snapshot file = active.current();
    Optional<PolicyVersions.Version> last = versions.active();
    if (last.isPresent() && last.get().view().activatedBy().equals("governance")) {
      PolicyVersionView v = last.get().view();
      if (!v.hash().equals(file.policy().hash())) {
        LOG.warnf(
            "the policy file (hash %s) differs from the active policy version %s, activated by"
                + " governance request %s; the active version stays in force. Change the policy"
                + " through governance (custos policy propose), not by editing the file.",
            file.policy().hash(), v.hash(), v.governanceRequest());
        active.use(ActivePolicy.stored(last.get()));
      }
      return;
    }
    if (last.isPresent() && last.get().view().hash().equals(file.policy().hash())) {
      return;
    }
    record(file.policy(), file.document(), last, null, clock.instant());
  }

  /**
   * Makes {@code policy} the active version, approved by governance request {@code request}, in the
   * caller's transaction. Every instance picks it up at its next decision ({@link
   * ActivePolicy#refresh}).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void activate(Policy policy, String document, UUID request, Instant at) {
    versions.lock();
    record(policy, document, versions.active(), request, at);
  }

  private void record(
      Policy policy,
      String document,
      Optional<PolicyVersions.Version> previous,
      UUID request,
      Instant at) {
    versions.insert(policy.hash(), policy.name(), document, request, at);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hash", policy.hash());
    p.put("name", policy.name());
    p.put("previousHash", previous.map(v -> v.view().hash()).orElse(""));
    p.put("deploymentId", deployment.id().toString());
    p.put("chainId", Long.toString(chain.chainId()));
    p.put("activatedBy", request == null ? "file" : "governance");
    if (request != null) {
      p.put("governanceRequestId", request.toString());
    }
    p.put("document", document);
    audit.record(
        AuditEntryType.POLICY_ACTIVATED, Audit.SYSTEM, List.of("policy:" + policy.hash()), p);
  }
}
