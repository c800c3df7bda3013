package io.custos.cli.http;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;

/** The server refused: a 4xx problem (exit 1), or failed: a 5xx (exit 3, like unreachable). */
public final class ProblemException extends CliException {

  private static final long serialVersionUID = 1L;

  private final transient ApiProblem problem;

  public ProblemException(ApiProblem problem) {
    super(
        problem.status() >= 500 ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED,
        problem.title(),
        problem.detail());
    this.problem = problem;
  }

  public ApiProblem problem() {
    return problem;
  }
}
