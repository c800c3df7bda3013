package io.custos.audit.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One verification run over one log: checkpoints first, then entries in order. Recomputes every
 * leaf, the chain and the tree, and compares with what is stored and what was signed.
 */
final class VerifierPass {

  private final VerifierKey key;
  private final NoteCheckpoint trusted;
  private final VerifierHash hash = new VerifierHash();
  private final TreeAccumulator tree = new TreeAccumulator(hash);
  private final TreeMap<Long, List<NoteCheckpoint>> checkpoints = new TreeMap<>();
  private final List<Fault> faults = new ArrayList<>();

  private byte[] previousChain = new byte[32];
  private long vouched;
  private int checkpointsChecked;
  private boolean started;
  private boolean stopped;

  VerifierPass(VerifierKey key, NoteCheckpoint trusted) {
    this.key = key;
    this.trusted = trusted;
  }

  void checkpoint(String note) {
    if (started) {
      fault(FaultKind.MALFORMED_CHECKPOINT, tree.size(), "checkpoint listed after entries");
      return;
    }
    try {
      NoteCheckpoint cp = NoteCheckpoint.parse(note);
      checkpoints.computeIfAbsent(cp.size(), s -> new ArrayList<>()).add(cp);
    } catch (IllegalArgumentException e) {
      fault(FaultKind.MALFORMED_CHECKPOINT, 0, e.getMessage());
    }
  }

  /** Called once, before the first entry (or by it). */
  void begin() {
    if (started) {
      return;
    }
    started = true;
    if (trusted != null && !trusted.signedBy(key, hash)) {
      fault(FaultKind.BAD_SIGNATURE, 0, "the trusted checkpoint is not signed by the given key");
    }
    checkAt(0);
  }

  /**
   * Checks one prepared entry, in sequence order; false once the log is known bad and further
   * entries would only cascade.
   */
  boolean accept(Prepared p) {
    begin();
    if (stopped) {
      return false;
    }
    long expected = tree.size();
    RawEntry e = p.raw();
    if (e == null) {
      return stop(p.fault(), expected, p.detail());
    }
    if (e.seq() != expected) {
      return stop(
          e.seq() > expected ? FaultKind.MISSING_ENTRY : FaultKind.OUT_OF_ORDER,
          expected,
          "next stored entry has seq " + e.seq());
    }
    if (p.fault() != null) {
      return stop(p.fault(), expected, p.detail());
    }
    String canonical = p.canonical();
    if (e.stored() && !e.text().equals(canonical)) {
      return stop(FaultKind.NOT_CANONICAL, expected, "stored text differs from its canonical form");
    }
    String shapeProblem = shapeProblem(p, expected);
    if (shapeProblem != null) {
      return stop(
          shapeProblem.startsWith("seq") ? FaultKind.SEQ_MISMATCH : FaultKind.COLUMN_MISMATCH,
          firstDisplaced(p.fields(), expected),
          shapeProblem);
    }
    byte[] leaf = p.leaf();
    if (!Arrays.equals(leaf, e.leaf())) {
      return stop(FaultKind.LEAF_MISMATCH, expected, "entry hashes to " + hex(leaf));
    }
    byte[] chain = hash.chain(previousChain, leaf);
    if (!Arrays.equals(chain, e.chain())) {
      return stop(FaultKind.CHAIN_MISMATCH, expected, "chain should be " + hex(chain));
    }
    previousChain = chain;
    tree.add(leaf);
    checkAt(tree.size());
    return true;
  }

  /** A fault the source found (unreadable line or row). */
  void sourceFault(FaultKind kind, String detail) {
    stop(kind, tree.size(), detail);
  }

  VerificationReport finish() {
    begin();
    long n = tree.size();
    if (!stopped) {
      Long beyond = checkpoints.higherKey(n);
      if (beyond != null) {
        fault(
            FaultKind.TRUNCATED, n, "the log has " + n + " entries; a checkpoint covers " + beyond);
      }
      if (trusted != null && trusted.size() > n) {
        fault(
            FaultKind.ROLLED_BACK,
            n,
            "the log has " + n + " entries; the trusted checkpoint covers " + trusted.size());
      }
    }
    return new VerificationReport(n, checkpointsChecked, vouched, faults);
  }

  private static String shapeProblem(Prepared p, long expected) {
    Map<String, String> fields = p.fields();
    for (String field : new String[] {"actor", "payload", "seq", "subjects", "time", "type"}) {
      if (!fields.containsKey(field)) {
        return "entry lacks " + field;
      }
    }
    if (seqField(fields) != expected) {
      return "seq field says " + fields.get("seq") + " at position " + expected;
    }
    if (mismatch(p.raw().typeColumn(), fields.get("type"))) {
      return "entry_type column says " + p.raw().typeColumn();
    }
    if (mismatch(p.raw().actorColumn(), fields.get("actor"))) {
      return "actor column says " + p.raw().actorColumn();
    }
    return null;
  }

  private static boolean mismatch(String column, String canonicalField) {
    if (column == null) {
      return false;
    }
    StringBuilder quoted = new StringBuilder();
    JsonCanon.quote(column, quoted);
    return !quoted.toString().equals(canonicalField);
  }

  private static long seqField(Map<String, String> fields) {
    try {
      return JsonCanon.integer(fields.get("seq"));
    } catch (JsonCanon.Malformed e) {
      return -1;
    }
  }

  /**
   * An entry that claims an earlier number than its position means the entries from that number on
   * were pushed down by an inserted one: the first bad place is the claimed number, not here.
   */
  private static long firstDisplaced(Map<String, String> fields, long position) {
    long seq = seqField(fields);
    return seq >= 0 && seq < position ? seq : position;
  }

  private void checkAt(long size) {
    byte[] root = null;
    for (NoteCheckpoint cp : checkpoints.getOrDefault(size, List.of())) {
      root = root == null ? tree.root() : root;
      checkpointsChecked++;
      boolean good = true;
      if (!cp.signedBy(key, hash)) {
        fault(FaultKind.BAD_SIGNATURE, vouched, "checkpoint of size " + size + " " + range(size));
        good = false;
      }
      if (!Arrays.equals(root, cp.root())) {
        fault(FaultKind.ROOT_MISMATCH, vouched, "checkpoint of size " + size + " " + range(size));
        good = false;
      }
      if (good) {
        vouched = size;
      }
    }
    if (trusted != null && trusted.size() == size) {
      root = root == null ? tree.root() : root;
      if (!Arrays.equals(root, trusted.root())) {
        fault(
            FaultKind.INCONSISTENT_WITH_TRUSTED,
            vouched,
            "the root at size " + size + " is not the trusted checkpoint's " + range(size));
      }
    }
  }

  private String range(long size) {
    return "(damage within entries " + vouched + ".." + (size - 1) + ")";
  }

  private boolean stop(FaultKind kind, long seq, String detail) {
    fault(kind, seq, detail);
    stopped = true;
    return false;
  }

  private void fault(FaultKind kind, long seq, String detail) {
    faults.add(new Fault(kind, seq, detail));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
