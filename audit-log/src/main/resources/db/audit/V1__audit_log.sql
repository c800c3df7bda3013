-- Custos audit log, schema version 1. Applied by the service's Flyway (location classpath:db/audit).
--
-- The log tables (audit_entry, audit_tree_node, audit_checkpoint) are append-only in the database: the
-- triggers below reject UPDATE, DELETE and TRUNCATE for every role, the owner included. The service role
-- gets INSERT and SELECT only (see docs/audit.md). audit_inbox is the queue between the writers'
-- transactions and the single sequencer; an inbox row may only be deleted once its entry is on the log.

CREATE TABLE audit_inbox (
    id          bigserial   PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    entry_type  text        NOT NULL,
    actor       text        NOT NULL,
    subjects    text        NOT NULL, -- canonical JSON array of strings
    payload     text        NOT NULL  -- canonical JSON (RFC 8785)
);

CREATE TABLE audit_entry (
    seq         bigint      PRIMARY KEY CHECK (seq >= 0),
    inbox_id    bigint      NOT NULL UNIQUE,
    recorded_at timestamptz NOT NULL,
    entry_type  text        NOT NULL,
    actor       text        NOT NULL,
    entry       text        NOT NULL, -- the canonical JSON whose UTF-8 bytes are hashed
    leaf_hash   bytea       NOT NULL CHECK (length(leaf_hash) = 32),
    chain_hash  bytea       NOT NULL CHECK (length(chain_hash) = 32)
);

CREATE INDEX audit_entry_type_idx ON audit_entry (entry_type, recorded_at);

-- Perfect subtrees of the RFC 6962 tree: the node at (level, idx) covers leaves
-- [idx * 2^level, (idx + 1) * 2^level). Level 0 (the leaves) lives in audit_entry.leaf_hash.
CREATE TABLE audit_tree_node (
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
    idx   bigint   NOT NULL CHECK (idx >= 0),
    hash  bytea    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

CREATE TABLE audit_checkpoint (
    id        bigserial   PRIMARY KEY,
    origin    text        NOT NULL,
    tree_size bigint      NOT NULL CHECK (tree_size >= 0),
    root_hash bytea       NOT NULL CHECK (length(root_hash) = 32),
    made_at   timestamptz NOT NULL,
    key_name  text        NOT NULL,
    note      text        NOT NULL -- the signed note: checkpoint body, blank line, signature line
);

CREATE INDEX audit_checkpoint_size_idx ON audit_checkpoint (tree_size);

CREATE FUNCTION audit_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the Custos audit log is append-only: % on % is rejected', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION audit_inbox_delete_only_when_logged() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_entry WHERE inbox_id = OLD.id) THEN
        RAISE EXCEPTION 'audit inbox event % is not on the log yet and cannot be deleted', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE TRIGGER audit_tree_node_no_update_delete BEFORE UPDATE OR DELETE ON audit_tree_node
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_tree_node_no_truncate BEFORE TRUNCATE ON audit_tree_node
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE TRIGGER audit_inbox_no_update BEFORE UPDATE ON audit_inbox
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_inbox_no_truncate BEFORE TRUNCATE ON audit_inbox
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_inbox_delete_guard BEFORE DELETE ON audit_inbox
    FOR EACH ROW EXECUTE FUNCTION audit_inbox_delete_only_when_logged();
