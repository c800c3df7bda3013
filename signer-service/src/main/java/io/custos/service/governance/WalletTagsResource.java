package io.custos.service.governance;

import io.custos.service.identity.CurrentCaller;
import io.custos.service.limits.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A wallet's tags: an admin proposes them, and the admins' quorum decides (as for an address-book
 * change). Lives with governance, which the wallet package does not know about.
 */
@Path("/api/v1/wallets/{label}/tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WalletTagsResource {

  /** {@code PUT /api/v1/wallets/{label}/tags}: the tags the wallet should have. */
  public record Body(List<String> tags) {}

  private final WalletTagsProposals proposals;
  private final GovernanceService governance;
  private final CurrentCaller caller;

  WalletTagsResource(
      WalletTagsProposals proposals, GovernanceService governance, CurrentCaller caller) {
    this.proposals = proposals;
    this.governance = governance;
    this.caller = caller;
  }

  /** Proposes the tags; answers 202 with the governance request. */
  @PUT
  @RolesAllowed("admin")
  @RateLimited
  public Response propose(@PathParam("label") String label, Body body) {
    UUID id = proposals.propose(label, body == null ? null : body.tags(), caller.get());
    return Response.accepted(governance.show(id)).build();
  }
}
