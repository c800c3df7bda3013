package io.custos.service.freeze;

import io.custos.service.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * Emergency freezes: a guardian switches one on; everyone with a Custos role sees which are in
 * force. Lifting one is a governance request ({@code POST /api/v1/freezes/{id}/lift}, served by the
 * governance package).
 */
@Path("/api/v1/freezes")
@Produces(MediaType.APPLICATION_JSON)
public class FreezeResource {

  private final Freezes freezes;
  private final CurrentCaller caller;

  FreezeResource(Freezes freezes, CurrentCaller caller) {
    this.freezes = freezes;
    this.caller = caller;
  }

  /** 201 with the freeze, in force from now on. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("guardian")
  public Response freeze(FreezeBody body, UriInfo uri) {
    FreezeView f =
        freezes.freeze(
            body == null ? null : body.wallet(), body == null ? null : body.reason(), caller.get());
    return Response.created(uri.getAbsolutePathBuilder().path(f.id().toString()).build())
        .entity(f)
        .build();
  }

  @GET
  @RolesAllowed({"requester", "approver", "operator", "admin", "auditor", "guardian"})
  public List<FreezeView> inForce() {
    return freezes.inForce();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"requester", "approver", "operator", "admin", "auditor", "guardian"})
  public FreezeView show(@PathParam("id") UUID id) {
    return freezes.require(id);
  }
}
