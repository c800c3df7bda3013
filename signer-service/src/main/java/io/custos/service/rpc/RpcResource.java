package io.custos.service.rpc;

import io.custos.service.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /rpc}: Ethereum JSON-RPC 2.0 for the tools people already use ({@code cast}, ethers,
 * web3j), single calls and batches, authenticated by the same bearer tokens as the REST API. A
 * transaction sent here is a request like any other: policy, approvals, nonce management and the
 * audit log apply. See {@code docs/json-rpc.md}.
 */
@Path("/rpc")
@RolesAllowed({"requester", "approver", "operator", "admin", "auditor"})
public class RpcResource {

  private final JsonRpc rpc;
  private final CurrentCaller caller;

  RpcResource(JsonRpc rpc, CurrentCaller caller) {
    this.rpc = rpc;
    this.caller = caller;
  }

  /**
   * Answers 200 with the response (or batch of responses); 204 when all calls were notifications.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response call(String body) {
    String answer = rpc.handle(body, caller.get());
    return answer == null ? Response.noContent().build() : Response.ok(answer).build();
  }
}
