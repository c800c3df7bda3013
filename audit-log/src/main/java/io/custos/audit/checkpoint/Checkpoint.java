package io.custos.audit.checkpoint;

import io.custos.audit.Hash;
import io.custos.audit.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A signed statement of the log's state: its origin, size, root hash and time, as a signed note.
 *
 * <p>The body follows the C2SP tlog-checkpoint text form:
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;size, decimal&gt;\n
 * &lt;root hash, standard base64&gt;\n
 * time &lt;UTC, yyyy-MM-ddTHH:mm:ss.SSSSSSZ&gt;\n
 * </pre>
 *
 * and the note appends a blank line and one signature line {@code — <keyName> <base64(keyId[4] ‖
 * DER ECDSA signature)>\n}. The signature is ECDSA secp256k1 over SHA-256 of the body bytes, so
 * {@code openssl dgst -sha256 -verify key.pem -signature sig.der body} checks it.
 *
 * @param origin the log's name
 * @param size number of entries covered
 * @param root RFC 6962 root of those entries
 * @param time when the checkpoint was made, to the microsecond
 * @param keyName the signing key's name
 * @param note the full signed note text
 */
public record Checkpoint(
    String origin, long size, Hash root, Instant time, String keyName, String note) {

  /** The time format of the {@code time} extension line. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** The em dash that starts a signed-note signature line. */
  public static final String SIGNATURE_PREFIX = "\u2014 ";

  public Checkpoint {
    if (origin == null || size < 0 || root == null || time == null || note == null) {
      throw new IllegalArgumentException("a checkpoint needs origin, size, root, time and note");
    }
    time = time.truncatedTo(ChronoUnit.MICROS);
    if (!note.startsWith(
        body(origin, size, root, time) + "\n" + SIGNATURE_PREFIX + keyName + " ")) {
      throw new IllegalArgumentException("the note does not carry this checkpoint's body and key");
    }
  }

  /** The body text that is signed. */
  public String body() {
    return body(origin, size, root, time);
  }

  /** The body text of a checkpoint with these values. */
  public static String body(String origin, long size, Hash root, Instant time) {
    return origin
        + "\n"
        + size
        + "\n"
        + Base64.getEncoder().encodeToString(root.bytes())
        + "\ntime "
        + TIME.format(time.truncatedTo(ChronoUnit.MICROS))
        + "\n";
  }

  /** The signature on the note, DER-encoded; the 4-byte key id is stripped. */
  public byte[] signatureDer() {
    String line = note.substring(body().length() + 1).strip();
    String b64 = line.substring(line.lastIndexOf(' ') + 1);
    byte[] raw = Base64.getDecoder().decode(b64);
    byte[] der = new byte[raw.length - 4];
    System.arraycopy(raw, 4, der, 0, der.length);
    return der;
  }

  /** Whether the note's signature is valid for {@code key}. */
  public boolean verify(CheckpointKey key) {
    byte[] digest = Rfc6962.sha256(body().getBytes(StandardCharsets.UTF_8));
    try {
      return key.verify(digest, signatureDer());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }
}
