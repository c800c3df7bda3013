package io.custos.cli;

/** The exit codes scripts can rely on. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;

  /**
   * Refused or denied: a 4xx problem from the server, a login refused, a request that ended DENIED,
   * REJECTED, EXPIRED or FAILED, typed data the CLI will not sign, or an audit log that does not
   * verify.
   */
  public static final int REFUSED = 1;

  /** Bad command line: unknown command or option, missing or malformed value. */
  public static final int USAGE = 2;

  /** The server or Keycloak could not be reached (or answered 5xx). */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
