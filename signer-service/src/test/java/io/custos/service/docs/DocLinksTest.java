package io.custos.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in README.md, docs/ and the module READMEs leads to a file that exists and,
 * with {@code #anchor}, to a heading of it: a document that moves or a heading that is renamed
 * fails the build instead of leaving a reader at a 404.
 */
class DocLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyRelativeLinkInTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
    MarkdownLinks links = new MarkdownLinks();
    List<Path> documents = MarkdownLinks.documents(ROOT);
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      broken.addAll(links.broken(ROOT, document));
    }
    assertThat(documents).as("documents read").hasSizeGreaterThan(15);
    assertThat(links.checked()).as("relative links checked").isGreaterThan(50);
    assertThat(broken).as("relative links that lead nowhere").isEmpty();
  }

  @Test
  void aLinkToAMissingFileOrHeadingIsReportedWithItsLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/there.md"), "# There\n\n## The `custos.*` keys\n");
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        String.join(
            "\n",
            "# Title",
            "[ok](docs/there.md) [ok](docs/there.md#the-custos-keys) [ok](#title)",
            "[gone](docs/moved.md)",
            "[no heading](docs/there.md#elsewhere)",
            "[no heading here](#nowhere) [site](https://example.com/x.md)",
            "```sh",
            "[in code](docs/nothing.md)",
            "```",
            "`[in a span](docs/nothing.md)`"));

    List<String> broken = new MarkdownLinks().broken(dir, readme);

    assertThat(broken)
        .containsExactly(
            "README.md:3: docs/moved.md",
            "README.md:4: docs/there.md#elsewhere",
            "README.md:5: #nowhere");
  }

  @Test
  void headingsGetGitHubSlugs() {
    assertThat(MarkdownLinks.slug("2. Configuration reference"))
        .isEqualTo("2-configuration-reference");
    assertThat(MarkdownLinks.slug("Every `custos.*` key")).isEqualTo("every-custos-key");
    assertThat(MarkdownLinks.slug("Promise 3 — every L1 transaction sent is on the record"))
        .isEqualTo("promise-3--every-l1-transaction-sent-is-on-the-record");
  }
}
