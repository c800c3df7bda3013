package io.custos.service.policy;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The active policy, readable by every authenticated role: people should know the rules. */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PolicyResource {

  private final ActivePolicy active;

  PolicyResource(ActivePolicy active) {
    this.active = active;
  }

  @GET
  public PolicyView show() {
    ActivePolicy.Snapshot s = active.current();
    return new PolicyView(s.policy().name(), s.policy().hash(), s.document());
  }
}
