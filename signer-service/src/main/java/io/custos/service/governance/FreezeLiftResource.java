package io.custos.service.governance;

import io.custos.service.identity.CurrentCaller;
import io.custos.service.limits.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Lifting an emergency freeze: an admin proposes it, and the admins' quorum decides. Lives with
 * governance, which the freeze package does not know about.
 */
@Path("/api/v1/freezes/{id}/lift")
@Produces(MediaType.APPLICATION_JSON)
public class FreezeLiftResource {

  private final FreezeLiftProposals proposals;
  private final GovernanceService governance;
  private final CurrentCaller caller;

  FreezeLiftResource(
      FreezeLiftProposals proposals, GovernanceService governance, CurrentCaller caller) {
    this.proposals = proposals;
    this.governance = governance;
    this.caller = caller;
  }

  /** Proposes lifting the freeze; answers 202 with the governance request. */
  @POST
  @RolesAllowed("admin")
  @RateLimited
  public Response propose(@PathParam("id") UUID id) {
    return Response.accepted(governance.show(proposals.propose(id, caller.get()))).build();
  }
}
