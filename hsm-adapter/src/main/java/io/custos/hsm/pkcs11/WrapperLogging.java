package io.custos.hsm.pkcs11;

import java.lang.System.Logger.Level;
import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Routes the wrapper's log lines to {@link System.Logger} instead of its default, standard output.
 * Its info lines (one per opened session) go to DEBUG: they are noise in a server's log.
 */
final class WrapperLogging implements Logger {

  private static final System.Logger LOG = System.getLogger("io.custos.hsm.pkcs11.wrapper");
  private static volatile boolean installed;

  private WrapperLogging() {}

  /** Installs the bridge once per JVM, before the wrapper prints anything. */
  static void install() {
    if (!installed) {
      synchronized (WrapperLogging.class) {
        if (!installed) {
          StaticLogger.setLogger(new WrapperLogging());
          installed = true;
        }
      }
    }
  }

  @Override
  public void info(String format, Object... arguments) {
    log(Level.DEBUG, format, arguments);
  }

  @Override
  public void warn(String format, Object... arguments) {
    log(Level.WARNING, format, arguments);
  }

  @Override
  public void error(String format, Object... arguments) {
    log(Level.ERROR, format, arguments);
  }

  @Override
  public void debug(String format, Object... arguments) {
    log(Level.TRACE, format, arguments);
  }

  @Override
  public void trace(String format, Object... arguments) {
    log(Level.TRACE, format, arguments);
  }

  @Override
  public boolean isDebugEnabled() {
    return LOG.isLoggable(Level.TRACE);
  }

  @Override
  public boolean isInfoEnabled() {
    return LOG.isLoggable(Level.DEBUG);
  }

  @Override
  public boolean isWarnEnabled() {
    return LOG.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isTraceEnabled() {
    return LOG.isLoggable(Level.TRACE);
  }

  private static void log(Level level, String format, Object... arguments) {
    if (LOG.isLoggable(level)) {
      LOG.log(level, () -> fill(format, arguments));
    }
  }

  /** Fills slf4j-style {@code {}} placeholders. */
  static String fill(String format, Object... arguments) {
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (Object argument : arguments == null ? new Object[0] : arguments) {
      int at = format.indexOf("{}", from);
      if (at < 0) {
        break;
      }
      sb.append(format, from, at).append(argument);
      from = at + 2;
    }
    return sb.append(format, from, format.length()).toString();
  }
}
