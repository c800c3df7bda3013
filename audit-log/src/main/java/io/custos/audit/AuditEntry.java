package io.custos.audit;

import io.custos.audit.canonical.Jcs;
import io.custos.audit.checkpoint.Checkpoint;
import io.custos.audit.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;

/**
 * An entry on the log.
 *
 * <p>Its canonical form is the RFC 8785 JSON object {@code
 * {"actor":…,"payload":{…},"seq":n,"subjects":[…],"time":"…Z","type":"…"}}; the leaf hash is
 * SHA-256(0x00 ‖ UTF-8 of that text), the chain hash SHA-256(0x02 ‖ previous chain ‖ leaf).
 *
 * @param seq the sequence number, gap-free from 0
 * @param event what was recorded
 * @param canonical the canonical JSON text that is hashed
 * @param leaf the RFC 6962 leaf hash
 * @param chain the chain hash linking it to entry {@code seq - 1}
 */
public record AuditEntry(long seq, AuditEvent event, String canonical, Hash leaf, Hash chain) {

  public AuditEntry {
    if (seq < 0 || event == null || canonical == null || leaf == null || chain == null) {
      throw new IllegalArgumentException("an entry needs seq >= 0, event, text and hashes");
    }
  }

  /** Sequences an event: its canonical text and hashes, given the previous chain hash. */
  public static AuditEntry of(long seq, AuditEvent event, Hash previousChain) {
    String text = canonical(seq, event);
    Hash leaf = Rfc6962.leaf(text.getBytes(StandardCharsets.UTF_8));
    return new AuditEntry(seq, event, text, leaf, Rfc6962.chain(previousChain, leaf));
  }

  /** The canonical JSON of an event at a sequence number. */
  public static String canonical(long seq, AuditEvent event) {
    // Keys in JCS order: actor, payload, seq, subjects, time, type.
    StringBuilder out = new StringBuilder(160 + event.payload().canonicalJson().length());
    out.append("{\"actor\":");
    Jcs.writeString(event.actor().id(), out);
    out.append(",\"payload\":").append(event.payload().canonicalJson());
    out.append(",\"seq\":").append(seq);
    out.append(",\"subjects\":");
    writeSubjects(event, out);
    out.append(",\"time\":\"").append(Checkpoint.TIME.format(event.time())).append('"');
    out.append(",\"type\":");
    Jcs.writeString(event.type().name(), out);
    return out.append('}').toString();
  }

  /** The subjects as a canonical JSON array of strings. */
  public static String subjectsJson(AuditEvent event) {
    StringBuilder out = new StringBuilder();
    writeSubjects(event, out);
    return out.toString();
  }

  private static void writeSubjects(AuditEvent event, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < event.subjects().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Jcs.writeString(event.subjects().get(i).value(), out);
    }
    out.append(']');
  }
}
