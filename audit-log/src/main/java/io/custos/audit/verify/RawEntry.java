package io.custos.audit.verify;

/**
 * An entry as a log source hands it to the verifier, unchecked.
 *
 * @param seq the position the source gives it
 * @param text the entry's JSON text
 * @param fields the entry's members if the source has parsed them already, else null
 * @param stored whether {@code text} is the stored text that must itself be canonical (database),
 *     or a re-serialisation by the source (export line)
 * @param leaf the stored leaf hash
 * @param chain the stored chain hash
 * @param typeColumn the database's {@code entry_type} column, or null
 * @param actorColumn the database's {@code actor} column, or null
 */
record RawEntry(
    long seq,
    String text,
    java.util.TreeMap<String, String> fields,
    boolean stored,
    byte[] leaf,
    byte[] chain,
    String typeColumn,
    String actorColumn) {}
