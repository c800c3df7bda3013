-- Governance timelock: a governance request whose quorum is met while the governance block has a
-- timelock waits as TIMELOCKED until not_before (checked against the service clock by a scheduled
-- tick), then is decided again and, if still allowed, applied. A rejection meanwhile cancels it.
ALTER TABLE governance_request
    DROP CONSTRAINT governance_request_state_check,
    ADD CONSTRAINT governance_request_state_check CHECK (state IN
        ('PENDING_APPROVAL', 'TIMELOCKED', 'APPROVED', 'REJECTED')),
    -- When the change may take effect; kept after it is decided, as history.
    ADD COLUMN not_before timestamptz,
    ADD CHECK (state <> 'TIMELOCKED' OR not_before IS NOT NULL);

CREATE INDEX governance_request_timelocked ON governance_request (not_before)
    WHERE state = 'TIMELOCKED';
