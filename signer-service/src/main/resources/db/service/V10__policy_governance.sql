-- Policy governance: a policy (or address-book) change is a governance request decided by the active
-- policy's governance block; on approval its document becomes the active version.

-- Each version keeps its document, so the active one can be loaded from here by every instance and at
-- every restart (a version activated by governance wins over the configured file). Rows written
-- before V10 have no document; they stay as history.
ALTER TABLE policy_activation
    ADD COLUMN name                  text,
    ADD COLUMN document              text,
    ADD COLUMN activated_by          text NOT NULL DEFAULT 'file'
                                         CHECK (activated_by IN ('file', 'governance')),
    ADD COLUMN governance_request_id uuid REFERENCES governance_request (id),
    ADD CHECK ((activated_by = 'governance') = (governance_request_id IS NOT NULL)),
    ADD CHECK (activated_by = 'file' OR document IS NOT NULL);

-- A policy change is about a candidate document, not a key: the key columns are empty for it.
ALTER TABLE governance_request
    DROP CONSTRAINT governance_request_kind_check,
    ADD CONSTRAINT governance_request_kind_check CHECK (kind IN
        ('approver_key.register', 'approver_key.revoke', 'policy.change', 'address_book.change')),
    ALTER COLUMN key_address DROP NOT NULL,
    ALTER COLUMN key_subject DROP NOT NULL,
    ALTER COLUMN key_username DROP NOT NULL,
    -- The proposed document as sent, its hash, the hash of the policy it was proposed against (a
    -- proposal whose base is no longer active is closed), and its simulation against recent requests.
    ADD COLUMN candidate_document text,
    ADD COLUMN candidate_hash     text CHECK (candidate_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN base_hash          text CHECK (base_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN simulation         jsonb,
    ADD CHECK ((kind LIKE 'approver_key.%') = (key_address IS NOT NULL)),
    ADD CHECK ((kind LIKE 'approver_key.%')
        = (candidate_document IS NULL AND candidate_hash IS NULL AND base_hash IS NULL));
