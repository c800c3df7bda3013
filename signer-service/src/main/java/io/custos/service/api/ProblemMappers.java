package io.custos.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to problem+json, once, at the HTTP boundary. Unexpected exceptions are logged
 * with an id that the response carries, so an operator can find the cause without the caller seeing
 * internals.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response api(ApiException e, UriInfo uri) {
    return respond(Problem.of(e.type(), e.getMessage(), path(uri), e.extensions()));
  }

  @ServerExceptionMapper
  public Response tooMany(TooManyRequests e, UriInfo uri) {
    return Response.fromResponse(api(e, uri))
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    Problem p =
        Problem.of(
            ProblemType.UNAUTHENTICATED,
            "a valid bearer token from the organization's identity provider is required",
            path(uri),
            Map.of());
    return Response.fromResponse(respond(p)).header("WWW-Authenticate", "Bearer").build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(
        Problem.of(
            ProblemType.FORBIDDEN, "your roles do not allow this operation", path(uri), Map.of()));
  }

  /**
   * A field the endpoint does not take is refused, not ignored: a client that sends {@code nonce}
   * or {@code chainId} must not believe it chose them.
   */
  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
    String field = e.getPropertyName();
    String known =
        e.getKnownPropertyIds() == null
            ? ""
            : "; it takes "
                + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    return respond(
        Problem.of(
            ProblemType.UNKNOWN_FIELD,
            "unknown field '" + field + "'" + known,
            path(uri),
            Map.of("field", field)));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    String detail = "the body is not valid JSON for this endpoint: " + e.getOriginalMessage();
    return respond(Problem.of(ProblemType.VALIDATION, detail, path(uri), Map.of()));
  }

  @ServerExceptionMapper
  public Response framework(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    ProblemType type = ProblemType.forStatus(status);
    return respond(
        new Problem(type.type(), type.title(), status, e.getMessage(), path(uri), Map.of()));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected failure %s on %s", id, path(uri));
    return respond(
        Problem.of(
            ProblemType.INTERNAL,
            "an unexpected error occurred; quote error id " + id + " to the operator",
            path(uri),
            Map.of("errorId", id)));
  }

  static Response respond(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }
}
