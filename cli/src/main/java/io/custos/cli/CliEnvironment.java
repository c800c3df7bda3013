package io.custos.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from the process around it, passed in so that tests can run it in-process with
 * their own environment variables and config directory.
 *
 * @param variables the environment variables (CUSTOS_SERVER, CUSTOS_ISSUER, CUSTOS_CONFIG_DIR,
 *     CUSTOS_KEYSTORE_PASSWORD, ...)
 * @param userHome the user's home directory, for the default config directory
 * @param console the terminal for prompts without echo, or null when there is none
 * @param terminal true when standard output is a terminal (colours, progress spinners)
 */
public record CliEnvironment(
    Map<String, String> variables, Path userHome, Console console, boolean terminal) {

  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  /**
   * The real process: its environment and console. Whether standard output is a terminal comes from
   * the launcher ({@code -Dcustos.tty=true} when {@code [ -t 1 ]}): Java 21 cannot tell a
   * redirected stdout from a terminal on its own. {@code NO_COLOR} turns colours off.
   */
  public static CliEnvironment system() {
    Console console = System.console();
    boolean terminal = Boolean.getBoolean("custos.tty") && System.getenv("NO_COLOR") == null;
    return new CliEnvironment(
        System.getenv(), Path.of(System.getProperty("user.home")), console, terminal);
  }

  /** The variable's value, or null when unset or blank. */
  public String variable(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
