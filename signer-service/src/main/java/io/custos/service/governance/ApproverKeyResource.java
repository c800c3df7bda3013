package io.custos.service.governance;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvers.ApproverKeyView;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.identity.CurrentCaller;
import io.custos.service.limits.RateLimited;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.util.Map;

/** Approvers' device keys: registration (with proof of possession), revocation, listing. */
@Path("/api/v1/approvers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApproverKeyResource {

  private final GovernanceProposals proposals;
  private final GovernanceService governance;
  private final ApproverKeys keys;
  private final CurrentCaller caller;

  ApproverKeyResource(
      GovernanceProposals proposals,
      GovernanceService governance,
      ApproverKeys keys,
      CurrentCaller caller) {
    this.proposals = proposals;
    this.governance = governance;
    this.keys = keys;
    this.caller = caller;
  }

  /** The EIP-712 KeyRegistration the new key must sign. */
  @GET
  @Path("me/registration-typed-data")
  @RolesAllowed("approver")
  public Map<String, Object> registrationTypedData(@QueryParam("address") String address) {
    return proposals.registrationTypedData(address, caller.get());
  }

  /** 202: the registration waits for the admin quorum as a governance request. */
  @POST
  @Path("keys")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("approver")
  @RateLimited
  public Response register(KeyRegistrationBody body) {
    if (body == null) {
      throw new ApiException(ProblemType.VALIDATION, "a body with address, typedData, signature");
    }
    var who = caller.get();
    var id = proposals.proposeRegistration(body.address(), body.typedData(), body.signature(), who);
    return Response.accepted(governance.show(id)).build();
  }

  /** 202: the revocation waits for the admin quorum as a governance request. */
  @POST
  @Path("keys/{address}/revocation")
  @RolesAllowed({"approver", "admin"})
  @RateLimited
  public Response revoke(@PathParam("address") String address) {
    var id = proposals.proposeRevocation(address, caller.get());
    return Response.accepted(governance.show(id)).build();
  }

  @GET
  @Path("keys")
  @RolesAllowed({"admin", "auditor", "approver"})
  @Transactional
  public List<ApproverKeyView> list() {
    return keys.list();
  }
}
