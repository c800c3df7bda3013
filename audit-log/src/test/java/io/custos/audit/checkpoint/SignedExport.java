package io.custos.audit.checkpoint;

import io.custos.audit.AuditEntry;
import io.custos.audit.Events;
import io.custos.audit.Hash;
import io.custos.audit.canonical.Jcs;
import io.custos.audit.export.JsonLinesExporter;
import io.custos.audit.merkle.MerkleFrontier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small log built in memory and written as a JSON Lines export with one signed checkpoint over
 * all of it, so that the independent verifier can judge a signer's checkpoint without a database.
 */
final class SignedExport {

  private final List<AuditEntry> entries = new ArrayList<>();
  private final MerkleFrontier tree = MerkleFrontier.empty();

  /** {@code size} sample entries, chained from the zero hash as the sequencer chains them. */
  static SignedExport ofSize(int size) {
    SignedExport log = new SignedExport();
    Hash chain = Hash.ZERO;
    for (int seq = 0; seq < size; seq++) {
      AuditEntry entry = AuditEntry.of(seq, Events.sample(seq), chain);
      log.entries.add(entry);
      log.tree.append(entry.leaf());
      chain = entry.chain();
    }
    return log;
  }

  /** A checkpoint of the whole log, made and signed as the sequencer makes them. */
  Checkpoint checkpoint(CheckpointSigner signer, Instant time) {
    return new CheckpointMaker("custos.test/contract", signer)
        .make(entries.size(), tree.root(), time);
  }

  /** Writes the export, with {@code note} as its only checkpoint, into {@code dir}. */
  Path write(String note, Path dir) {
    StringBuilder out = new StringBuilder();
    out.append("{\"format\":\"" + JsonLinesExporter.FORMAT + "\",\"kind\":\"header\"}\n");
    out.append("{\"kind\":\"checkpoint\",\"note\":");
    Jcs.writeString(note, out);
    out.append(",\"size\":").append(entries.size()).append("}\n");
    for (AuditEntry e : entries) {
      out.append("{\"chain\":\"").append(e.chain().hex());
      out.append("\",\"entry\":").append(e.canonical());
      out.append(",\"kind\":\"entry\",\"leaf\":\"").append(e.leaf().hex());
      out.append("\",\"seq\":").append(e.seq()).append("}\n");
    }
    try {
      return Files.writeString(Files.createTempFile(dir, "export", ".jsonl"), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
