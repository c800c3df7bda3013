package io.custos.service.request;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.CurrentCaller;
import io.custos.service.limits.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/**
 * Transaction requests: requesters submit, approvers give verdicts, every Custos role reads ({@link
 * RequestQueries} narrows a requester to their own). See docs/permissions.md.
 */
@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"requester", "approver", "operator", "admin", "auditor"})
public class RequestResource {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final RequestSubmission submission;
  private final ApprovalTypedData typedData;
  private final VerdictRecording verdicts;
  private final ReplacementService replacements;
  private final Withdrawal withdrawal;
  private final RequestQueries queries;
  private final CurrentCaller caller;

  RequestResource(
      RequestSubmission submission,
      ApprovalTypedData typedData,
      VerdictRecording verdicts,
      ReplacementService replacements,
      Withdrawal withdrawal,
      RequestQueries queries,
      CurrentCaller caller) {
    this.submission = submission;
    this.typedData = typedData;
    this.verdicts = verdicts;
    this.replacements = replacements;
    this.withdrawal = withdrawal;
    this.queries = queries;
    this.caller = caller;
  }

  /** 201 with the new request; 200 with the earlier one when the key and body were seen before. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("requester")
  @RateLimited
  public Response submit(@HeaderParam(IDEMPOTENCY_KEY) String key, SubmitBody body, UriInfo uri) {
    var who = caller.get();
    RequestSubmission.Submitted s = submission.submit(key, body, who);
    RequestView view = queries.show(s.id(), who);
    if (!s.created()) {
      return Response.ok(view).build();
    }
    return Response.created(uri.getAbsolutePathBuilder().path(s.id().toString()).build())
        .entity(view)
        .build();
  }

  /** The EIP-712 Approval to sign with the approver's device key for this verdict. */
  @GET
  @Path("{id}/typed-data")
  @RolesAllowed("approver")
  public TypedDataView typedData(@PathParam("id") UUID id, @QueryParam("verdict") String verdict) {
    return typedData.typedData(id, verdict);
  }

  @POST
  @Path("{id}/approvals")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("approver")
  @RateLimited
  public RequestView judge(@PathParam("id") UUID id, ApprovalBody body) {
    var who = caller.get();
    return queries.show(verdicts.judge(id, body, who), who);
  }

  /** The requester takes back their own request, until it is signed (body optional). */
  @POST
  @Path("{id}/withdraw")
  @RolesAllowed("requester")
  @RateLimited
  public RequestView withdraw(@PathParam("id") UUID id, WithdrawBody body) {
    var who = caller.get();
    return queries.show(withdrawal.withdraw(id, body, who), who);
  }

  /**
   * 201 with a new request that replaces the stuck transaction with higher fees (body optional).
   */
  @POST
  @Path("{id}/speed-up")
  @RolesAllowed("operator")
  @RateLimited
  public Response speedUp(@PathParam("id") UUID id, ReplaceBody body, UriInfo uri) {
    var who = caller.get();
    return created(replacements.speedUp(id, body, who), uri);
  }

  /** 201 with a new request: a zero-value transfer to the wallet itself with the stuck nonce. */
  @POST
  @Path("{id}/cancel")
  @RolesAllowed("operator")
  @RateLimited
  public Response cancel(@PathParam("id") UUID id, ReplaceBody body, UriInfo uri) {
    var who = caller.get();
    return created(replacements.cancel(id, body, who), uri);
  }

  private Response created(UUID id, UriInfo uri) {
    return Response.created(
            uri.getBaseUriBuilder().path("api/v1/requests").path(id.toString()).build())
        .entity(queries.show(id, caller.get()))
        .build();
  }

  @GET
  @Path("{id}")
  public RequestView show(@PathParam("id") UUID id) {
    return queries.show(id, caller.get());
  }

  @GET
  public RequestPage list(
      @QueryParam("state") String state,
      @QueryParam("limit") Integer limit,
      @QueryParam("after") String after) {
    return queries.list(state, limit, uuid(after), caller.get());
  }

  private static UUID uuid(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ProblemType.VALIDATION, "after must be a request id");
    }
  }
}
