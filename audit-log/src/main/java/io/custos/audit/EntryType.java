package io.custos.audit;

import java.util.regex.Pattern;

/**
 * What an entry records. The set is open: the application that writes the log owns the catalogue of
 * its types (signer-service's {@code AuditEntryType}), so the library only validates the name.
 *
 * @param name dotted lower-case name, e.g. {@code transaction.signed}
 */
public record EntryType(String name) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public EntryType {
    if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("entry type must be a dotted lower-case name: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
