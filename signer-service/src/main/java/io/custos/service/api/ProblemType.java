package io.custos.service.api;

import java.net.URI;

/**
 * The closed set of problem types the API answers with (RFC 9457). The {@code type} URI of each is
 * stable: clients may switch on it; titles are for people.
 */
public enum ProblemType {
  VALIDATION("validation", 400, "The request is malformed"),
  UNKNOWN_FIELD("unknown-field", 400, "The body has a field this endpoint does not take"),
  UNPROCESSABLE("unprocessable", 422, "The request cannot be carried out"),
  UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
  FORBIDDEN("forbidden", 403, "Not allowed for your roles"),
  SELF_APPROVAL("self-approval", 403, "A requester cannot approve their own request"),
  APPROVAL_SIGNATURE_REQUIRED(
      "approval-signature-required", 400, "A verdict must carry the approver's device signature"),
  APPROVAL_SIGNATURE_INVALID(
      "approval-signature-invalid", 422, "The signature is not by the approver's registered key"),
  APPROVAL_MISMATCH(
      "approval-mismatch", 422, "The signed approval does not match the request and verdict"),
  APPROVAL_DOMAIN_MISMATCH(
      "approval-domain-mismatch", 422, "The signature is for another deployment or chain"),
  APPROVAL_EXPIRED("approval-expired", 422, "The signed approval has expired"),
  APPROVER_KEY_MISSING("approver-key-missing", 403, "You have no active registered approver key"),
  APPROVER_KEY_REVOKED("approver-key-revoked", 403, "The signing key has been revoked"),
  KEY_PROOF_INVALID(
      "key-proof-invalid", 422, "The key registration is not signed by the key it registers"),
  FEE_ABOVE_CEILING(
      "fee-above-ceiling", 422, "The fee is above the most this service ever signs for"),
  POLICY_INVALID("policy-invalid", 422, "The policy document does not parse"),
  NOT_FOUND("not-found", 404, "No such resource"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
  NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
  CONFLICT("conflict", 409, "The request conflicts with the current state"),
  RATE_LIMITED("rate-limited", 429, "Too many submissions and verdicts; slow down"),
  TOO_MANY_STREAMS("too-many-streams", 429, "Too many open event streams"),
  KEY_EXISTS("key-exists", 409, "A key already has the wallet's label on the token"),
  KEY_LABEL_AMBIGUOUS(
      "key-label-ambiguous", 409, "Several keys have the wallet's label on the token"),
  KEY_NOT_BORN_ON_TOKEN(
      "key-not-born-on-token", 422, "The key was not generated on the token, never extractable"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
  UNAVAILABLE("unavailable", 503, "A component Custos depends on is unavailable"),
  INTERNAL("internal", 500, "Internal error");

  private static final String PREFIX = "urn:custos:problem:";

  private final URI type;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.type = URI.create(PREFIX + slug);
    this.status = status;
    this.title = title;
  }

  public URI type() {
    return type;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /**
   * The type for an HTTP status raised by the framework itself (unknown route, wrong method...).
   */
  public static ProblemType forStatus(int status) {
    for (ProblemType t : values()) {
      if (t.status == status) {
        return t;
      }
    }
    return status >= 500 ? INTERNAL : VALIDATION;
  }
}
