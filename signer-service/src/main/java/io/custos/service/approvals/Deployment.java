package io.custos.service.approvals;

import io.custos.service.policy.DeploymentId;
import io.custos.service.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * This deployment's id, stored once in the database: signatures made for it are bound to it through
 * the EIP-712 domain salt.
 */
@ApplicationScoped
public class Deployment implements DeploymentId {

  private final EntityManager em;
  private final ApprovalsConfig config;
  private final Clock clock;
  private volatile UUID id;

  Deployment(EntityManager em, ApprovalsConfig config, Clock clock) {
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  /**
   * The deployment id: the configured one, or the one generated on first use.
   *
   * @throws IllegalStateException if the configured id differs from the stored one
   */
  @Override
  @Transactional
  public UUID id() {
    UUID known = id;
    if (known != null) {
      return known;
    }
    UUID wanted = config.deploymentId().orElseGet(UUID::randomUUID);
    Sql.update(
        em,
        "INSERT INTO deployment (id, created_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        wanted,
        Sql.time(clock.instant()));
    UUID stored = (UUID) Sql.value(em, "SELECT id FROM deployment");
    if (config.deploymentId().isPresent() && !config.deploymentId().get().equals(stored)) {
      throw new IllegalStateException(
          "custos.approvals.deployment-id is "
              + config.deploymentId().get()
              + " but this database belongs to deployment "
              + stored
              + ": every approval signature is bound to the deployment id, it cannot change");
    }
    id = stored;
    return stored;
  }
}
