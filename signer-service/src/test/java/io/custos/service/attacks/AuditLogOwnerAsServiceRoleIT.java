package io.custos.service.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.service.support.ProcessStack;
import io.custos.service.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, configured as before the owner role existed (one database role runs the
 * migrations and the service, and so owns the audit log), does not start: it names what that role
 * could do to the log and the keys to set, before serving anything.
 */
class AuditLogOwnerAsServiceRoleIT {

  @Test
  void theServiceDoesNotStartAsTheRoleThatOwnsTheAuditLog() throws Exception {
    try (ProcessStack stack = ProcessStack.start("one_role")) {
      String name = "one-role-service";

      assertThatThrownBy(() -> ServiceProcess.start(name, stack.envWithOneRole()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with");

      String log = Files.readString(Path.of("target", "service-logs", name + ".log"));
      assertThat(log)
          .contains("could change the audit log (owns audit_entry;")
          .contains("quarkus.flyway.username");
    }
  }
}
