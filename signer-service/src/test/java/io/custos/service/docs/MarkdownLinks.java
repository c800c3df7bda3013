package io.custos.service.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The relative links of Markdown documents and whether they lead somewhere: the file (or directory)
 * exists and, for {@code #anchor}, so does a heading with that GitHub slug. Links to other sites
 * are not followed; links inside code (fenced blocks, inline spans) are not links.
 */
final class MarkdownLinks {

  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final Map<Path, Set<String>> anchors = new HashMap<>();
  private int checked;

  /** The documents a reader is pointed at: README.md, docs/**, and every module's README.md. */
  static List<Path> documents(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .map(m -> m.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** Every relative link of {@code document} that leads nowhere, as {@code file:line: target}. */
  List<String> broken(Path root, Path document) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = prose(Files.readAllLines(document));
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
      while (m.find()) {
        String target = m.group(1);
        if (EXTERNAL.matcher(target).matches()) {
          continue;
        }
        checked++;
        if (!leadsSomewhere(document, target)) {
          out.add(root.relativize(document) + ":" + (i + 1) + ": " + target);
        }
      }
    }
    return out;
  }

  /** How many relative links were checked so far. */
  int checked() {
    return checked;
  }

  private boolean leadsSomewhere(Path document, String target) {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return false;
    }
    if (hash < 0) {
      return true;
    }
    return Files.isRegularFile(resolved)
        && resolved.toString().endsWith(".md")
        && anchors(resolved).contains(target.substring(hash + 1));
  }

  /** The slugs of a document's headings, as GitHub makes them (duplicates get -1, -2, ...). */
  Set<String> anchors(Path document) {
    return anchors.computeIfAbsent(
        document,
        d -> {
          try {
            Set<String> out = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : prose(Files.readAllLines(d))) {
              Matcher h = HEADING.matcher(line);
              if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
              }
            }
            return out;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * GitHub's heading slug: the text without link targets, lower case, punctuation other than
   * hyphens and underscores dropped, spaces to hyphens.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
  }

  /** The lines with fenced code blocks blanked, so that line numbers stay right. */
  private static List<String> prose(List<String> lines) {
    List<String> out = new ArrayList<>();
    String fence = null;
    for (String line : lines) {
      String trimmed = line.stripLeading();
      if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
        fence = trimmed.substring(0, 3);
        out.add("");
      } else if (fence != null) {
        if (trimmed.startsWith(fence)) {
          fence = null;
        }
        out.add("");
      } else {
        out.add(line);
      }
    }
    return out;
  }
}
