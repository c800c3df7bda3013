package io.custos.service.wallet;

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

/**
 * Wallet management: admins create; admins and auditors read. A tag change is a governance request
 * ({@code governance.WalletTagsResource}).
 */
@Path("/api/v1/wallets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WalletResource {

  private final WalletService wallets;
  private final CurrentCaller caller;

  WalletResource(WalletService wallets, CurrentCaller caller) {
    this.wallets = wallets;
    this.caller = caller;
  }

  @POST
  @RolesAllowed("admin")
  public Response create(WalletRequests.Create body, UriInfo uri) {
    if (body == null) {
      body = new WalletRequests.Create(null, null, null);
    }
    WalletView created =
        wallets.create(body.label(), body.tags(), Boolean.TRUE.equals(body.adopt()), caller.get());
    return Response.created(uri.getAbsolutePathBuilder().path(created.label()).build())
        .entity(created)
        .build();
  }

  @GET
  @RolesAllowed({"admin", "auditor"})
  public List<WalletView> list() {
    return wallets.list();
  }

  @GET
  @Path("/{label}")
  @RolesAllowed({"admin", "auditor"})
  public WalletDetails show(@PathParam("label") String label) {
    return wallets.show(label);
  }
}
