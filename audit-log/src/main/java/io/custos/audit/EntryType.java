package io.custos.audit;

import java.util.regex.Pattern;

/**
 * What an entry records. The set is open: the service adds types as it grows, so this is a
 * validated name rather than an enum; the constants are the types the service is known to write.
 *
 * @param name dotted lower-case name, e.g. {@code transaction.signed}
 */
public record EntryType(String name) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public static final EntryType KEY_CREATED = new EntryType("key.created");
  public static final EntryType REQUEST_SUBMITTED = new EntryType("request.submitted");
  public static final EntryType POLICY_DECIDED = new EntryType("policy.decided");
  public static final EntryType APPROVAL_RECORDED = new EntryType("approval.recorded");
  public static final EntryType REQUEST_REJECTED = new EntryType("request.rejected");
  public static final EntryType TRANSACTION_SIGNED = new EntryType("transaction.signed");
  public static final EntryType TRANSACTION_BROADCAST = new EntryType("transaction.broadcast");
  public static final EntryType TRANSACTION_CONFIRMED = new EntryType("transaction.confirmed");
  public static final EntryType TRANSACTION_FAILED = new EntryType("transaction.failed");
  public static final EntryType TRANSACTION_REPLACED = new EntryType("transaction.replaced");
  public static final EntryType POLICY_CHANGED = new EntryType("policy.changed");
  public static final EntryType APPROVER_REGISTERED = new EntryType("approver.registered");

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
