package io.custos.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service's packages depend on each other one way: a package that needs something from one that
 * depends on it declares a port of its own (e.g. {@code governance.RecentRequests}, {@code
 * policy.DeploymentId}) that the other implements. Read from the sources' imports.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/custos/service");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.custos\\.service\\.(\\w+)\\.", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> uses = imports();
    assertThat(uses).as("the service's top-level packages").containsKeys("request", "sending");

    List<String> cycles = new ArrayList<>();
    for (String p : uses.keySet()) {
      List<String> path = pathBack(p, p, uses, new TreeSet<>());
      if (path != null) {
        cycles.add(p + " -> " + String.join(" -> ", path));
      }
    }
    assertThat(cycles).as("import cycles between packages").isEmpty();
  }

  /** Top-level package under io.custos.service → the other such packages its sources import. */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(f);
        if (relative.getNameCount() < 2) {
          continue; // a class directly in io.custos.service
        }
        String pkg = relative.getName(0).toString();
        Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** A path of imports from {@code from} back to {@code target}, or null. */
  private static List<String> pathBack(
      String from, String target, Map<String, Set<String>> uses, Set<String> seen) {
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return new ArrayList<>(List.of(next));
      }
      if (seen.add(next)) {
        List<String> rest = pathBack(next, target, uses, seen);
        if (rest != null) {
          rest.addFirst(next);
          return rest;
        }
      }
    }
    return null;
  }
}
