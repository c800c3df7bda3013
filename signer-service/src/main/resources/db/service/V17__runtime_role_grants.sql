-- The service runs as a role of its own, apart from the owner that runs these migrations
-- (docs/operations.md §4): it reads and writes the service's tables and owns none of them. Flyway
-- gives the role's name as the placeholder runtime_role (quarkus.flyway.placeholders.runtime_role,
-- the datasource's username). A migration that creates a table grants it here too; the audit log's
-- tables get their grants from the audit log's own migrations.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    wallet, tx_request, approval, nonce_cursor, eth_transaction, deployment, policy_activation,
    governance_request, governance_approval, approver_key, usage_minute, signing_freeze
    TO "${runtime_role}";
GRANT USAGE ON SEQUENCE request_event_seq, policy_activation_seq_seq TO "${runtime_role}";
