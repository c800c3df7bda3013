package io.custos.service.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The active policy, readable by every Custos role: people should know the rules. A token with no
 * Custos role is refused, like everywhere but {@code /api/v1/me}.
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"requester", "approver", "operator", "admin", "auditor"})
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
