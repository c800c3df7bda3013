package io.custos.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: the process is up and serving. Readiness checks for the database, the HSM and the node
 * are added with the components they watch.
 */
@Liveness
@ApplicationScoped
public class ServiceInfoCheck implements HealthCheck {

  private final String version;

  ServiceInfoCheck(@ConfigProperty(name = "quarkus.application.version") String version) {
    this.version = version;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("custos").up().withData("version", version).build();
  }
}
