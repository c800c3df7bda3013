package io.custos.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration an operator reads about is the configuration the code has: every key of the
 * service's {@code @ConfigMapping} interfaces is a row of docs/operations.md's table (with its
 * environment variable and default), and every {@code custos.*} key the page names exists.
 */
class ConfigDocTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLASSES = ROOT.resolve("signer-service/target/classes");
  private static final Pattern ROW =
      Pattern.compile("^\\| `(custos\\.[^`]+)` \\| `([A-Z0-9_]+)` \\| (.*?) \\| .* \\|$");
  private static final Pattern KEY_SPAN = Pattern.compile("`(custos\\.[a-z-]+\\.[a-z.-]*[a-z])`");

  /** Key → its default in the code (null when it has none). */
  private static final Map<String, String> CODE = new TreeMap<>();

  /** Key → the row documenting it: environment variable and default cell. */
  private static final Map<String, String[]> DOCUMENTED = new TreeMap<>();

  private static final Set<String> MENTIONED = new TreeSet<>();

  @BeforeAll
  static void read() throws Exception {
    Properties shipped = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            ROOT.resolve("signer-service/src/main/resources/application.properties"))) {
      shipped.load(in);
    }
    for (Class<?> mapping : configMappings()) {
      keys(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, shipped);
    }
    String page = Files.readString(ROOT.resolve("docs/operations.md"));
    for (String line : page.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        DOCUMENTED.put(row.group(1), new String[] {row.group(2), row.group(3)});
      }
    }
    Matcher span = KEY_SPAN.matcher(page);
    while (span.find()) {
      MENTIONED.add(span.group(1));
    }
  }

  @Test
  void everyKeyOfTheCodeIsDocumentedInOperations() {
    assertThat(CODE).as("keys of the @ConfigMapping interfaces").hasSizeGreaterThan(20);
    assertThat(DOCUMENTED.keySet())
        .as("keys docs/operations.md documents")
        .containsAll(CODE.keySet());
  }

  @Test
  void everyKeyOperationsNamesExistsInTheCode() {
    assertThat(CODE.keySet()).as("keys of the code").containsAll(DOCUMENTED.keySet());
    assertThat(CODE.keySet()).as("keys of the code").containsAll(MENTIONED);
  }

  @Test
  void eachDocumentedKeyShowsItsEnvironmentVariableAndTheCodesDefault() {
    DOCUMENTED.forEach(
        (key, row) -> {
          assertThat(row[0])
              .as(key)
              .isEqualTo(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
          String value = CODE.get(key);
          if (value != null) {
            assertThat(row[1]).as("default of " + key).contains("`" + value + "`");
          }
        });
  }

  /** The interfaces annotated {@code @ConfigMapping} among the service's compiled classes. */
  private static Set<Class<?>> configMappings() throws IOException, ClassNotFoundException {
    Set<Class<?>> out = new HashSet<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, ConfigDocTest.class.getClassLoader());
        if (c.isInterface() && c.isAnnotationPresent(ConfigMapping.class)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The keys of a mapping or nested group, kebab case as SmallRye Config names them. */
  private static void keys(String prefix, Class<?> group, Properties shipped) {
    for (Method m : group.getMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
        continue;
      }
      WithName named = m.getAnnotation(WithName.class);
      String key = prefix + "." + (named != null ? named.value() : kebab(m.getName()));
      Class<?> type = m.getReturnType();
      if (type.isInterface() && type.getPackageName().startsWith("io.custos")) {
        keys(key, type, shipped);
        continue;
      }
      WithDefault byDefault = m.getAnnotation(WithDefault.class);
      CODE.put(key, byDefault != null ? byDefault.value() : shipped.getProperty(key));
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
