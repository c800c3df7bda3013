package io.custos.service.approvals;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Governance requests (approver key changes): read, and the admins' verdicts. */
@Path("/api/v1/governance/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "auditor", "approver"})
public class GovernanceResource {

  private final GovernanceService governance;
  private final CurrentCaller caller;

  GovernanceResource(GovernanceService governance, CurrentCaller caller) {
    this.governance = governance;
    this.caller = caller;
  }

  @GET
  public List<GovernanceRequestView> list(@QueryParam("state") String state) {
    return governance.list(state);
  }

  @GET
  @Path("{id}")
  public GovernanceRequestView show(@PathParam("id") UUID id) {
    return governance.show(id);
  }

  @POST
  @Path("{id}/approvals")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public GovernanceRequestView judge(@PathParam("id") UUID id, GovernanceVerdictBody body) {
    if (body == null) {
      throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
    }
    return governance.show(governance.judge(id, body.verdict(), body.comment(), caller.get()));
  }
}
