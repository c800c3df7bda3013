package io.custos.service.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.identity.MeResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table and the code name the same endpoints: every JAX-RS resource method of the application
 * (the main classes under {@code io.custos.service}) has a row, and every row under {@code /api}
 * names one. The {@code /q/...} rows are Quarkus' operational endpoints, not ours to reflect on.
 */
class PermissionTableCompletenessTest {

  private static final String APPLICATION_PACKAGE = "io.custos.service";

  @Test
  void everyEndpointOfTheApplicationHasARow() {
    Set<String> missing = new TreeSet<>(applicationEndpoints());
    missing.removeAll(rowKeys());
    assertThat(missing)
        .as("endpoints with no row in %s (add one line each)", PermissionTable.SOURCE)
        .isEmpty();
  }

  @Test
  void everyApiRowNamesAnEndpointOfTheApplication() {
    Set<String> orphans =
        PermissionTable.load().stream()
            .filter(e -> !e.path().startsWith("/q/"))
            .map(PermissionTable.Endpoint::key)
            .collect(Collectors.toCollection(TreeSet::new));
    orphans.removeAll(applicationEndpoints());
    assertThat(orphans)
        .as("rows of %s with no such endpoint in the application", PermissionTable.SOURCE)
        .isEmpty();
  }

  @Test
  void onlyOperationalEndpointsArePublic() {
    assertThat(PermissionTable.load())
        .filteredOn(PermissionTable.Endpoint::isPublic)
        .allSatisfy(e -> assertThat(e.path()).startsWith("/q/"));
  }

  @Test
  void findsTheResourcesItIsMeantToCheck() {
    // Guards the scan itself: if it found nothing, the two checks above would pass vacuously.
    assertThat(applicationEndpoints())
        .contains("GET /api/v1/me", "POST /api/v1/requests/{id}/approvals");
  }

  private static Set<String> rowKeys() {
    return PermissionTable.load().stream()
        .map(PermissionTable.Endpoint::key)
        .collect(Collectors.toSet());
  }

  /** "METHOD /path/{param}" of every resource method in the application's main classes. */
  static Set<String> applicationEndpoints() {
    Set<String> out = new TreeSet<>();
    for (Class<?> resource : resourceClasses()) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getMethods()) {
        String verb = httpMethod(m);
        if (verb != null) {
          Path sub = m.getAnnotation(Path.class);
          out.add(verb + " " + template(base, sub == null ? "" : sub.value()));
        }
      }
    }
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** Joins class and method paths the way JAX-RS does; {@code {id: regex}} becomes {@code {id}}. */
  static String template(String base, String sub) {
    String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
    if (joined.length() > 1 && joined.endsWith("/")) {
      joined = joined.substring(0, joined.length() - 1);
    }
    return joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
  }

  /** The @Path classes compiled from src/main (not test resources such as the problem fixtures). */
  private static Set<Class<?>> resourceClasses() {
    java.nio.file.Path root = mainClassesRoot();
    java.nio.file.Path packageDir = root.resolve(APPLICATION_PACKAGE.replace('.', '/'));
    try (Stream<java.nio.file.Path> files = Files.walk(packageDir)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString())
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .map(PermissionTableCompletenessTest::load)
          .filter(c -> c.isAnnotationPresent(Path.class))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.nio.file.Path mainClassesRoot() {
    try {
      return java.nio.file.Path.of(
          MeResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PermissionTableCompletenessTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
