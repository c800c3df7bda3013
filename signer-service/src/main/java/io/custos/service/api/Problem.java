package io.custos.service.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error the API returns.
 *
 * @param type stable identifier of the kind of problem
 * @param title short human summary of the type
 * @param status the HTTP status
 * @param detail what went wrong with this request, never a stack trace or a secret
 * @param instance the request path
 * @param extensions further members (e.g. {@code errors}, {@code requestId}), flattened into the
 *     body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  public static Problem of(ProblemType t, String detail, String instance, Map<String, Object> ext) {
    return new Problem(t.type(), t.title(), t.status(), detail, instance, ext);
  }

  @JsonAnyGetter
  @Override
  public Map<String, Object> extensions() {
    return extensions;
  }
}
