package io.custos.service.policy;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Where the active policy document is read from at startup. */
@ConfigMapping(prefix = "custos.policy")
public interface PolicyConfig {

  /** The policy document, YAML or JSON (env CUSTOS_POLICY_FILE). */
  Path file();
}
