package io.custos.cli.keys;

import io.custos.cli.CliEnvironment;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a keystore password comes from, in order: {@code --password-file}, the environment variable
 * {@code CUSTOS_KEYSTORE_PASSWORD}, a prompt on the terminal without echo. Never a command-line
 * value, which other users see in the process list.
 */
public final class Passwords {

  public static final String ENV = "CUSTOS_KEYSTORE_PASSWORD";

  private Passwords() {}

  public static char[] read(Path passwordFile, CliEnvironment env, String prompt) {
    if (passwordFile != null) {
      return fromFile(passwordFile);
    }
    String fromEnv = env.variable(ENV);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    return prompt(env, prompt);
  }

  /** For a new keystore: the same sources, and a prompt asks twice. */
  public static char[] readNew(Path passwordFile, CliEnvironment env) {
    if (passwordFile != null || env.variable(ENV) != null) {
      return read(passwordFile, env, null);
    }
    char[] first = prompt(env, "New keystore password: ");
    char[] second = prompt(env, "Repeat it: ");
    if (!Arrays.equals(first, second)) {
      throw CliException.refused("Passwords differ", "the two passwords typed are not the same");
    }
    if (first.length < 8) {
      throw CliException.refused("Password too short", "use at least 8 characters");
    }
    return first;
  }

  /** A secret read from a file: its first line, without the line break. */
  public static char[] fromFile(Path file) {
    try {
      String text = Files.readString(file);
      int nl = text.indexOf('\n');
      return (nl >= 0 ? text.substring(0, nl) : text).replace("\r", "").toCharArray();
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "Cannot read the password file", file.toString());
    }
  }

  private static char[] prompt(CliEnvironment env, String prompt) {
    if (env.console() == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "No password",
          "no terminal to ask on: give --password-file or set " + ENV);
    }
    char[] pw = env.console().readPassword("%s", prompt);
    if (pw == null) {
      throw new CliException(ExitCodes.USAGE, "No password", "nothing was typed");
    }
    return pw;
  }
}
