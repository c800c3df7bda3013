package io.custos.service.identity;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the server thinks you are: the roles and groups that policies will see. */
@Path("/api/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  private final CurrentCaller caller;

  MeResource(CurrentCaller caller) {
    this.caller = caller;
  }

  @GET
  public Caller me() {
    return caller.get();
  }
}
