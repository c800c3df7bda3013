package io.custos.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalogue of entry types and the table an auditor reads in docs/audit.md say the same. */
class AuditEntryTypeTest {

  private static final Path DOC = Path.of("../docs/audit.md").toAbsolutePath().normalize();
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z_]+\\.[a-z_.]+)` \\| .* \\| (.*) \\|$");

  @Test
  void theAuditDocumentListsEveryCataloguedTypeWithItsPayloadFields() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        documented.put(m.group(1), m.group(2).replace("`", ""));
      }
    }
    Map<String, String> catalogued = new LinkedHashMap<>();
    for (AuditEntryType t : AuditEntryType.values()) {
      catalogued.put(t.typeName(), String.join(", ", t.payloadFields()));
    }
    assertThat(documented).as("entry types in %s", DOC).isEqualTo(catalogued);
  }

  @Test
  void everyTypeNameIsUniqueAndFindsItsEntry() {
    List<String> names =
        Arrays.stream(AuditEntryType.values()).map(AuditEntryType::typeName).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(AuditEntryType.byName("transaction.replaced"))
        .contains(AuditEntryType.TRANSACTION_REPLACED);
    assertThat(AuditEntryType.byName("policy.changed")).isEmpty();
  }
}
