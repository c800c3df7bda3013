package io.custos.service.policy;

import java.util.UUID;

/**
 * This deployment's id, which a {@code policy.activated} entry names so that an offline checker
 * matches the policy with the approvals signed for this deployment. Implemented by {@code
 * approvals.Deployment} (the id is the EIP-712 domain salt); declared here so that policy does not
 * depend on approvals.
 */
public interface DeploymentId {

  /** The id, stored once and never changed. */
  UUID id();
}
