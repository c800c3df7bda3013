package io.custos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the real components live on this machine, and how to say what is missing. */
final class Tools {

  static final String INSTALL_HINT =
      "Run ./custos setup (or ./custos test, which runs it first) from the repository root.";

  private Tools() {}

  /** The project-local tools directory (git-ignored) that ./custos setup fills. */
  static Path toolsDir() {
    String configured =
        firstNonBlank(System.getProperty("custos.tools.dir"), System.getenv("CUSTOS_TOOLS_DIR"));
    if (configured != null) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("custos")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p.resolve(".tools");
      }
    }
    return dir.resolve(".tools");
  }

  /** The repository root (where ./custos and the parent pom live). */
  static Path rootDir() {
    String configured = System.getProperty("custos.root.dir");
    if (configured != null) {
      return Paths.get(configured);
    }
    return toolsDir().getParent();
  }

  /** The last lines of a log file, for failure messages. */
  static String tail(Path log, int lines) {
    try {
      java.util.List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The module's build directory, where per-test state is kept. */
  static Path buildDir() {
    String configured = System.getProperty("custos.build.dir");
    return configured != null
        ? Paths.get(configured)
        : Paths.get("target").toAbsolutePath().normalize();
  }

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Tools::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
