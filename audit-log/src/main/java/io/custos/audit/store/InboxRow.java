package io.custos.audit.store;

import io.custos.audit.AuditEvent;

/**
 * An event waiting in the inbox for the sequencer.
 *
 * @param id the inbox id (commit order is not id order; the sequencer does not rely on it)
 * @param event the event
 */
public record InboxRow(long id, AuditEvent event) {}
