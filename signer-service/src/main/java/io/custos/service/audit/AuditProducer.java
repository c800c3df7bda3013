package io.custos.service.audit;

import io.custos.audit.AuditLog;
import io.custos.audit.AuditLogConfig;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
import io.custos.hsm.KeyVault;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Wires the audit-log library: its schema (its own migrations and history table, apart from the
 * service's), its checkpoint key in the HSM, and its sequencer, started with the service on every
 * instance (one of them leads, elected in PostgreSQL).
 */
public class AuditProducer {

  /** The dedicated checkpoint key: found by its label on the token, or generated on first start. */
  @Produces
  @Singleton
  CheckpointSigner checkpointSigner(AuditConfig config, KeyVault vault) {
    String label = config.checkpointKeyLabel();
    KeyInfo key = vault.find(KeyRef.label(label)).orElseGet(() -> vault.generate(label));
    return new HsmCheckpointSigner(vault, key);
  }

  @Produces
  @Singleton
  @Startup
  AuditLog auditLog(DataSource ds, AuditConfig config, CheckpointSigner signer, Clock clock) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/audit")
        .table("audit_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
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

  void close(@Disposes AuditLog log) {
    log.close();
  }
}
