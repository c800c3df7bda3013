package io.custos.audit.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A checkpoint as the verifier reads it from its signed-note text, independently of the writer's
 * classes.
 *
 * @param origin first body line
 * @param size second body line
 * @param root third body line, decoded
 * @param body the signed body text, trailing newline included
 * @param signatures the note's signature lines
 */
record NoteCheckpoint(String origin, long size, byte[] root, String body, List<Line> signatures) {

  /** One signature line: {@code — <name> <base64(keyId ‖ signature)>}. */
  record Line(String name, byte[] keyId, byte[] signature) {}

  /** Parses a note. @throws IllegalArgumentException when it is not a checkpoint note */
  static NoteCheckpoint parse(String note) {
    int split = note.indexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new IllegalArgumentException("not a signed note (no blank line before signatures)");
    }
    String body = note.substring(0, split + 1);
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException("a checkpoint body has origin, size and root lines");
    }
    long size = Long.parseLong(lines[1]);
    if (size < 0 || !lines[1].equals(Long.toString(size))) {
      throw new IllegalArgumentException("bad size line");
    }
    byte[] root = Base64.getDecoder().decode(lines[2]);
    if (root.length != 32) {
      throw new IllegalArgumentException("root hash is not 32 bytes");
    }
    List<Line> sigs = new ArrayList<>();
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalArgumentException("signature lines start with an em dash");
      }
      String[] parts = line.substring(2).split(" ");
      byte[] raw = Base64.getDecoder().decode(parts[parts.length - 1]);
      if (parts.length != 2 || raw.length < 5) {
        throw new IllegalArgumentException("bad signature line");
      }
      byte[] id = Arrays.copyOf(raw, 4);
      byte[] sig = Arrays.copyOfRange(raw, 4, raw.length);
      sigs.add(new Line(parts[0], id, sig));
    }
    return new NoteCheckpoint(lines[0], size, root, body, sigs);
  }

  /** Whether one of the signature lines is a valid signature by {@code key}. */
  boolean signedBy(VerifierKey key, VerifierHash hash) {
    byte[] digest = hash.plain(body.getBytes(StandardCharsets.UTF_8));
    for (Line line : signatures) {
      if (Arrays.equals(line.keyId(), key.keyId(line.name(), hash))
          && key.verifies(digest, line.signature())) {
        return true;
      }
    }
    return false;
  }
}
