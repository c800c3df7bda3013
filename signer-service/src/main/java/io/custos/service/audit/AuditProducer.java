package io.custos.service.audit;

import io.custos.audit.AuditLog;
import io.custos.audit.AuditLogConfig;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyVault;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Wires the audit-log library: its schema (its own migrations and history table, apart from the
 * service's, run as the same owner role), the refusal to run as a role that could change the log
 * ({@link AuditRoleGuard}), its checkpoint key in the HSM, and its sequencer, started with the
 * service on every instance (one of them leads, elected in PostgreSQL).
 */
public class AuditProducer {

  /**
   * The dedicated checkpoint key: found by its label on the token, or generated on first start. The
   * service does not start on a key the token did not generate or once let out, nor on several keys
   * of that label: whoever planted it could sign checkpoints that vouch for a rewritten log.
   */
  @Produces
  @Singleton
  CheckpointSigner checkpointSigner(AuditConfig config, KeyVault vault) {
    String label = config.checkpointKeyLabel();
    List<KeyInfo> found = vault.list().stream().filter(k -> k.label().equals(label)).toList();
    KeyInfo key = found.isEmpty() ? vault.generate(label) : checkpointKey(label, found);
    return new HsmCheckpointSigner(vault, key);
  }

  /** The one key of the label, if the token generated it and never let it out; else why not. */
  static KeyInfo checkpointKey(String label, List<KeyInfo> found) {
    if (found.size() > 1) {
      throw new IllegalStateException(
          found.size()
              + " keys are labelled '"
              + label
              + "' on the token; the checkpoint key must be one: remove the ones you did not make");
    }
    KeyInfo key = found.get(0);
    if (!key.bornOnToken()) {
      throw new IllegalStateException(
          "the checkpoint key labelled '"
              + label
              + "' (id "
              + key.id().hex()
              + ") was not generated on the token or has been extractable (local="
              + key.local()
              + ", neverExtractable="
              + key.neverExtractable()
              + ", alwaysSensitive="
              + key.alwaysSensitive()
              + "); refusing to sign checkpoints with it");
    }
    return key;
  }

  @Produces
  @Singleton
  @Startup
  AuditLog auditLog(
      DataSource ds,
      Flyway serviceMigrations,
      AuditConfig config,
      CheckpointSigner signer,
      Clock clock) {
    migrate(serviceMigrations.getConfiguration());
    AuditRoleGuard.requireAppendOnly(ds);
    AuditLog log =
        new AuditLog(
            ds,
            AuditLogConfig.defaults(config.origin())
                .withCheckpoints(config.checkpointEvery(), config.checkpointInterval()),
            signer,
            clock);
    log.sequencer().start();
    return log;
  }

  /**
   * Applies the audit log's migrations as the service's own ran: on their connection (the owner
   * role of quarkus.flyway.username, not the service's) and with their placeholders (runtime_role,
   * the role the grants go to).
   */
  private static void migrate(Configuration service) {
    Flyway.configure()
        .dataSource(service.getDataSource())
        .placeholders(service.getPlaceholders())
        .locations("classpath:db/audit")
        .table("audit_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  void close(@Disposes AuditLog log) {
    log.close();
  }
}
