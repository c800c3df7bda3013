package io.custos.audit.verify;

/** What the verifier found wrong. */
public enum FaultKind {
  /** A line or row that is not a well-formed entry. */
  MALFORMED_ENTRY,
  /** The entry text is not in canonical (RFC 8785) form, so it is not what was hashed. */
  NOT_CANONICAL,
  /** An entry is missing: the sequence jumps over this number (deleted entry, renumbering). */
  MISSING_ENTRY,
  /** A sequence number repeats or goes backwards. */
  OUT_OF_ORDER,
  /** The entry's own {@code seq} field differs from its position (moved or swapped entry). */
  SEQ_MISMATCH,
  /** A query column (type, actor) disagrees with the hashed entry. */
  COLUMN_MISMATCH,
  /** The stored leaf hash is not the hash of the entry (edited entry). */
  LEAF_MISMATCH,
  /** The stored chain hash does not follow from the previous one (inserted or removed entry). */
  CHAIN_MISMATCH,
  /** A checkpoint note that cannot be parsed. */
  MALFORMED_CHECKPOINT,
  /** A checkpoint not signed by the given key (forged or re-signed checkpoint). */
  BAD_SIGNATURE,
  /** The recomputed Merkle root differs from a checkpoint's (rewritten history). */
  ROOT_MISMATCH,
  /** A checkpoint covers entries the log no longer has (truncated tail). */
  TRUNCATED,
  /** The log is shorter than a trusted checkpoint the verifier was given (rolled back). */
  ROLLED_BACK,
  /** The log's root at a trusted checkpoint's size differs from it (rolled back and rewritten). */
  INCONSISTENT_WITH_TRUSTED,
  /** The log could not be read at all. */
  UNREADABLE
}
