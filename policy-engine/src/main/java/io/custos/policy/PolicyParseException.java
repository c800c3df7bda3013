package io.custos.policy;

/**
 * A policy document that cannot be accepted, with where the problem is: the path of the offending
 * value (e.g. {@code rules[2].match.to.in[0]}) and its line and column (1-based; 0 when unknown).
 */
public final class PolicyParseException extends Exception {
  private final String path;
  private final int line;
  private final int column;
  private final String problem;

  public PolicyParseException(String path, int line, int column, String problem) {
    super(path + " (line " + line + ", column " + column + "): " + problem);
    this.path = path;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public String path() {
    return path;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The problem without the location. */
  public String problem() {
    return problem;
  }
}
