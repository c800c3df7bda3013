package io.custos.service.governance;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.CurrentCaller;
import io.custos.service.limits.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Governance requests: proposing a policy (or address-book) change, reading them all (approver key
 * changes are proposed under {@code /api/v1/approvers/keys}), and the admins' verdicts.
 */
@Path("/api/v1/governance/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "auditor", "approver"})
public class GovernanceResource {

  /** The kinds a client may name; the service classifies the document itself. */
  private static final List<String> KINDS =
      List.of(GovernanceKind.POLICY.wire(), GovernanceKind.ADDRESS_BOOK.wire());

  private final GovernanceProposals proposals;
  private final GovernanceService governance;
  private final CurrentCaller caller;

  GovernanceResource(
      GovernanceProposals proposals, GovernanceService governance, CurrentCaller caller) {
    this.proposals = proposals;
    this.governance = governance;
    this.caller = caller;
  }

  @GET
  public List<GovernanceRequestView> list(@QueryParam("state") String state) {
    return governance.list(state);
  }

  /** Proposes a policy document; answers 202 with the request and its simulation. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  @RateLimited
  public Response propose(GovernanceProposalBody body) {
    if (body == null || body.kind() == null || !KINDS.contains(body.kind())) {
      throw new ApiException(
          ProblemType.VALIDATION, "kind must be \"policy.change\" or \"address_book.change\"");
    }
    UUID id = proposals.proposePolicyChange(body.policy(), caller.get());
    return Response.accepted(governance.show(id)).build();
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
  @RateLimited
  public GovernanceRequestView judge(@PathParam("id") UUID id, GovernanceVerdictBody body) {
    if (body == null) {
      throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
    }
    return governance.show(governance.judge(id, body.verdict(), body.comment(), caller.get()));
  }
}
