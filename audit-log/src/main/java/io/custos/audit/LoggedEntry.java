package io.custos.audit;

/**
 * An entry as stored: what a reader or a proof needs.
 *
 * @param seq the sequence number
 * @param canonical the canonical JSON text whose leaf hash is in the tree
 * @param leaf the stored leaf hash
 * @param chain the stored chain hash
 */
public record LoggedEntry(long seq, String canonical, Hash leaf, Hash chain) {}
