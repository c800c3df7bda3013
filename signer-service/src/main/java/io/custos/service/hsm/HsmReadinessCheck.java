package io.custos.service.hsm;

import io.custos.hsm.HsmException;
import io.custos.hsm.KeyVault;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the token is present and logged in; fails closed. */
@Readiness
@ApplicationScoped
public class HsmReadinessCheck implements HealthCheck {

  private final KeyVault vault;

  HsmReadinessCheck(KeyVault vault) {
    this.vault = vault;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      vault.ping();
      return HealthCheckResponse.up("hsm");
    } catch (HsmException e) {
      return HealthCheckResponse.named("hsm").down().withData("reason", e.reason().name()).build();
    }
  }
}
