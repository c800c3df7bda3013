-- The inbox's delete guard looks audit_entry up by name, and a session's temporary tables come first
-- in the search path unless pg_temp is named in it: a role that may create temporary tables (every
-- role, by default) could shadow audit_entry with one of its own listing any inbox id, and delete
-- events before they are on the log. The guard now resolves names in the log's schema only.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION audit_inbox_delete_only_when_logged() SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
