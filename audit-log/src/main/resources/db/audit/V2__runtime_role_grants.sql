-- The service's runtime role (the placeholder runtime_role) may read the log and append to it, and
-- nothing more: it owns none of these tables, so it can neither disable their triggers nor drop them,
-- and without UPDATE, DELETE or TRUNCATE a change is refused on privileges before the triggers see it.
-- DELETE on the inbox: the sequencer consumes it (a trigger allows it for logged events only).
GRANT SELECT, INSERT ON audit_entry, audit_tree_node, audit_checkpoint TO "${runtime_role}";
GRANT SELECT, INSERT, DELETE ON audit_inbox TO "${runtime_role}";
GRANT USAGE ON SEQUENCE audit_inbox_id_seq, audit_checkpoint_id_seq TO "${runtime_role}";
