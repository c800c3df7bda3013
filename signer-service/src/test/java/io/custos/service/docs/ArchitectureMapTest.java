package io.custos.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class, method, directory and file that the "Where things live" tables of {@code
 * docs/architecture.md} name exists, so the map a newcomer follows cannot point at code that moved.
 */
class ArchitectureMapTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SERVICE =
      ROOT.resolve("signer-service/src/main/java/io/custos/service");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern IN_MODULE = Pattern.compile("([a-z-]+)/…/(.+)");
  private static final Pattern PLACE =
      Pattern.compile(
          "[a-z][\\w./…-]*/[\\w./…-]*(\\.(java|sql|json|md|yaml|properties)(#\\w+)?|/)");
  private static final Pattern SERVICE_PATH = Pattern.compile("[a-z0-9]+/[\\w/]*\\w+\\.java");

  @Test
  void everyPlaceTheMapNamesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String place : places()) {
      String[] pathAndMember = place.split("#", 2);
      Optional<Path> file = resolve(pathAndMember[0]);
      checked++;
      if (file.isEmpty()) {
        missing.add(place);
      } else if (pathAndMember.length == 2
          && !Files.readString(file.get()).contains(" " + pathAndMember[1] + "(")) {
        missing.add(place + " (no such method)");
      }
    }
    assertThat(checked).as("places checked").isGreaterThan(50);
    assertThat(missing).as("places docs/architecture.md names that do not exist").isEmpty();
  }

  /** The code spans of the section that name a place in the tree. */
  private static List<String> places() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
    String section =
        doc.substring(doc.indexOf("## Where things live"), doc.indexOf("## Documents"));
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(section);
    while (m.find()) {
      String span = m.group(1);
      boolean isPlace =
          PLACE.matcher(span).matches() && !span.endsWith("…/") && !span.startsWith("./");
      if (isPlace) {
        out.add(span);
      }
    }
    return out;
  }

  private static Optional<Path> resolve(String place) throws IOException {
    Matcher module = IN_MODULE.matcher(place);
    if (module.matches()) {
      Path sources = ROOT.resolve(module.group(1)).resolve("src/main/java");
      String suffix = "/" + module.group(2).replaceAll("/$", "");
      try (Stream<Path> all = Files.walk(sources)) {
        return all.filter(p -> p.toString().endsWith(suffix)).findFirst();
      } catch (UncheckedIOException e) {
        return Optional.empty();
      }
    }
    Path inService = SERVICE.resolve(place);
    if (SERVICE_PATH.matcher(place).matches() && Files.exists(inService)) {
      return Optional.of(inService);
    }
    Path fromRoot = ROOT.resolve(place);
    return Files.exists(fromRoot) ? Optional.of(fromRoot) : Optional.empty();
  }
}
