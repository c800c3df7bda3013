package io.custos.service.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** The audit log of this deployment. */
@ConfigMapping(prefix = "custos.audit")
public interface AuditConfig {

  /** The log's name, first line of every checkpoint; one per deployment (e.g. its host name). */
  @WithDefault("custos.local/audit")
  String origin();

  /** A checkpoint after this many new entries... */
  @WithDefault("1000")
  @Min(1)
  long checkpointEvery();

  /** ...or after this long, whichever comes first. */
  @WithDefault("60s")
  Duration checkpointInterval();

  /** Label of the dedicated HSM key that signs checkpoints; generated on first start. */
  @WithDefault("custos:audit:checkpoints")
  String checkpointKeyLabel();
}
