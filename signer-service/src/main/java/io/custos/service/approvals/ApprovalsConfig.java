package io.custos.service.approvals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Device-signed approvals. */
@ConfigMapping(prefix = "custos.approvals")
public interface ApprovalsConfig {

  /**
   * This deployment's id, the EIP-712 domain salt of every approval. Unset, one is generated on
   * first start and kept in the database; once stored it can never change.
   */
  Optional<UUID> deploymentId();

  /**
   * How long a signed approval or key registration stays valid: the typed data handed out expires
   * this long after, and a signature whose expiry lies further ahead is refused.
   */
  @WithDefault("1h")
  Duration signatureTtl();
}
