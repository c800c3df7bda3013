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
