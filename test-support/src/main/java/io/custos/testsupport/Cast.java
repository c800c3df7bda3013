package io.custos.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Foundry's {@code cast}, the real JSON-RPC client the tests check Custos with (installed by {@code
 * ./custos setup} next to anvil).
 */
public final class Cast {

  private Cast() {}

  /** What a run of cast printed, and its exit code. */
  public record Run(int exit, String out, String err) {
    public boolean ok() {
      return exit == 0;
    }
  }

  /** The cast binary installed by ./custos setup. */
  public static Path binary() {
    Path bin = Tools.toolsDir().resolve("node_modules/@foundry-rs/cast-linux-amd64/bin/cast");
    if (!Files.isExecutable(bin)) {
      throw new MissingComponentException(
          "cast is not installed (looked for " + bin + ").", Tools.INSTALL_HINT);
    }
    return bin;
  }

  /** Runs {@code cast args...} and waits for it (at most two minutes). */
  public static Run run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("cast", ".out");
      Path err = Files.createTempFile("cast", ".err");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          // Not the arguments: they may carry a bearer token.
          throw new IllegalStateException("cast did not finish within two minutes");
        }
        return new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8).trim(),
            Files.readString(err, StandardCharsets.UTF_8).trim());
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run cast", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cast ran", e);
    }
  }
}
