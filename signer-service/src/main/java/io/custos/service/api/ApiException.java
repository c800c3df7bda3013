package io.custos.service.api;

import java.util.Map;

/**
 * Thrown by services to answer with a problem. The detail is shown to the caller, so it names what
 * was wrong with the request and never carries a secret.
 */
public class ApiException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ApiException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail);
    this.type = type;
    this.extensions = Map.copyOf(extensions);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
