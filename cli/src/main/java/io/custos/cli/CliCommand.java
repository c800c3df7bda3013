package io.custos.cli;

import io.custos.cli.auth.AccessTokens;
import io.custos.cli.auth.Oidc;
import io.custos.cli.auth.Session;
import io.custos.cli.auth.SessionStore;
import io.custos.cli.http.Api;
import io.custos.cli.http.Transport;
import io.custos.cli.output.Out;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that does something: it takes the global options and returns its exit code. Failures
 * are thrown ({@link CliException}, {@link ParameterException}) and printed in one place, {@link
 * CustosCli#commandLine}.
 */
public abstract class CliCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  @Mixin private GlobalOptions global;

  private Out out;
  private Settings settings;

  /** The global options, given before the command ({@code custos --json tx list}) or after. */
  protected GlobalOptions options() {
    return global.or(((CustosCli) spec.root().userObject()).global);
  }

  protected CliEnvironment environment() {
    return ((CustosCli) spec.root().userObject()).environment();
  }

  protected Clock clock() {
    return Clock.systemUTC();
  }

  protected SessionStore sessions() {
    return new SessionStore(Settings.configDir(options(), environment()));
  }

  /** Where to talk to; refuses plain http to another machine unless {@code --insecure}. */
  protected Settings settings() {
    if (settings == null) {
      Session cached = sessions().load().orElse(null);
      Settings s = Settings.resolve(options(), environment(), cached);
      Transport.requireTls(s.server(), "the Custos server", s.insecure());
      Transport.requireTls(s.issuer(), "the identity provider", s.insecure());
      settings = s;
    }
    return settings;
  }

  protected Transport transport() {
    return Transport.trusting(settings().caFile());
  }

  /** The identity provider at {@code issuer}, reached with this command's TLS trust. */
  protected Oidc oidc(URI issuer) {
    return new Oidc(transport(), issuer);
  }

  protected Out out() {
    if (out == null) {
      out =
          new Out(
              spec.commandLine().getOut(),
              spec.commandLine().getErr(),
              options().json,
              environment().terminal() && !options().noColor,
              options().wei);
    }
    return out;
  }

  /** The REST API as the logged-in user, whose login must be for this server and issuer. */
  protected Api api() {
    var tokens =
        new AccessTokens(
            sessions(),
            oidc(settings().issuer()),
            settings().server(),
            environment().variable("CUSTOS_CLIENT_SECRET"),
            clock());
    return new Api(transport(), settings().server(), tokens);
  }

  protected ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  boolean jsonRequested() {
    return global != null && options().json;
  }
}
