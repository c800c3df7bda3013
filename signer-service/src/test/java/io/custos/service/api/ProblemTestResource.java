package io.custos.service.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Endpoints that fail on purpose, so the mapping of each failure kind can be checked. */
@Path("/api/v1/test-problems")
@PermitAll
public class ProblemTestResource {

  public record Body(int amount) {}

  @GET
  @Path("/conflict")
  public String conflict() {
    throw new ApiException(
        ProblemType.CONFLICT,
        "idempotency key reused with another body",
        Map.of("requestId", "r-1"));
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("secret internals: pin=1234");
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public int echo(Body body) {
    return body.amount();
  }
}
