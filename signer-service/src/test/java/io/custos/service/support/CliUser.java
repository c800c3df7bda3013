package io.custos.service.support;

import io.custos.cli.CliEnvironment;
import io.custos.cli.CustosCli;
import io.custos.testsupport.KeycloakServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A person with the command-line client on their own machine (a config directory of their own), run
 * in-process against a server: the attacks on the CLI's side of the wire.
 */
public final class CliUser {

  /** One run: exit code and what it printed. */
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final String name;
  private final Path home;

  public CliUser(String name, Path home) {
    this.name = name;
    this.home = home;
  }

  public Path configDir() {
    return home.resolve("config");
  }

  /** Logs in to {@code server} with the demo password, through the test run's Keycloak. */
  public Run login(URI server, String... moreArgs) {
    Path password = write(name + ".password", name + "-demo\n");
    String[] args = {
      "login", "--server", trim(server), "--user", name, "--password-file", password.toString()
    };
    return run(concat(args, moreArgs));
  }

  public Run run(String... args) {
    Map<String, String> env =
        Map.of(
            "CUSTOS_ISSUER", KeycloakServer.shared().issuer().toString(),
            "CUSTOS_CONFIG_DIR", configDir().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = CustosCli.commandLine(new CliEnvironment(env, home, null, false));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  public Path write(String file, String text) {
    try {
      Files.createDirectories(home);
      return Files.writeString(home.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String trim(URI u) {
    return u.toString().replaceAll("/$", "");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
