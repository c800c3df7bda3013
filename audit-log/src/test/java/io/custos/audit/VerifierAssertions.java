package io.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.audit.verify.AuditVerifier;
import io.custos.audit.verify.VerificationReport;
import io.custos.audit.verify.VerifierKey;
import io.custos.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.Optional;

/** Runs the independent verifier over a test database. */
public final class VerifierAssertions {

  private VerifierAssertions() {}

  /** Verifies the database and asserts it is sound with {@code entries} entries. */
  public static void assertVerifies(TestDatabase db, SoftwareSigner key, long entries)
      throws Exception {
    VerificationReport report = verify(db, key, Optional.empty());
    assertThat(report.faults()).isEmpty();
    assertThat(report.entries()).isEqualTo(entries);
  }

  /** The verifier's report on the database. */
  public static VerificationReport verify(
      TestDatabase db, SoftwareSigner key, Optional<String> trusted) throws Exception {
    try (Connection c = db.connect()) {
      return new AuditVerifier(VerifierKey.parse(key.publicKey().toPem()), trusted)
          .verifyDatabase(c);
    }
  }
}
