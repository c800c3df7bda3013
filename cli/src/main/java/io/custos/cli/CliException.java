package io.custos.cli;

/**
 * A failure the CLI reports as one line (title and detail), never as a stack trace, with the exit
 * code it maps to.
 */
public class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String title;

  public CliException(int exitCode, String title, String detail) {
    super(detail);
    this.exitCode = exitCode;
    this.title = title;
  }

  public CliException(int exitCode, String title, String detail, Throwable cause) {
    super(detail, cause);
    this.exitCode = exitCode;
    this.title = title;
  }

  /** A local refusal (exit 1): not logged in, typed data that does not match, and the like. */
  public static CliException refused(String title, String detail) {
    return new CliException(ExitCodes.REFUSED, title, detail);
  }

  public int exitCode() {
    return exitCode;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
