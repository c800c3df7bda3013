package io.custos.audit.verify;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * An entry after the work that does not depend on its neighbours (parsing, canonical form, leaf
 * hash), which the verifier does for many entries in parallel before checking them in order.
 *
 * @param raw the entry, or null when its line or row could not be read
 * @param canonical its canonical text, or null on a fault
 * @param fields its members (key → canonical value text), or null on a fault
 * @param leaf its recomputed leaf hash, or null on a fault
 * @param fault what went wrong, or null
 * @param detail the evidence for the fault
 */
record Prepared(
    RawEntry raw,
    String canonical,
    TreeMap<String, String> fields,
    byte[] leaf,
    FaultKind fault,
    String detail) {

  private static final ThreadLocal<VerifierHash> HASH = ThreadLocal.withInitial(VerifierHash::new);

  static Prepared of(RawEntry raw) {
    try {
      TreeMap<String, String> fields =
          raw.fields() != null ? raw.fields() : JsonCanon.members(raw.text());
      String canonical = JsonCanon.objectText(fields);
      byte[] leaf = HASH.get().leaf(canonical.getBytes(StandardCharsets.UTF_8));
      return new Prepared(raw, canonical, fields, leaf, null, null);
    } catch (JsonCanon.Malformed e) {
      return new Prepared(raw, null, null, null, FaultKind.MALFORMED_ENTRY, e.getMessage());
    }
  }

  static Prepared failed(FaultKind fault, String detail) {
    return new Prepared(null, null, null, null, fault, detail);
  }
}
