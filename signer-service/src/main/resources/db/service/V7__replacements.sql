-- Speed-up and cancel. A replacement is a request of its own, decided by the policy like any other,
-- whose transaction reuses the nonce of the original's (eth_transaction.attempt 1, 2, ...). replaces
-- names the original request (the first of the chain, also when an operator replaces a replacement);
-- initiated_by is the operator who asked. A speed-up is decided as its original's requester (it
-- carries the same intent); a cancel (a zero-value transfer to the wallet itself) as the operator.
ALTER TABLE tx_request ADD COLUMN replaces uuid REFERENCES tx_request (id);
ALTER TABLE tx_request ADD COLUMN initiated_by text;
ALTER TABLE tx_request ADD CHECK ((replaces IS NULL) = (initiated_by IS NULL));
CREATE INDEX tx_request_replacements ON tx_request (replaces, created_at) WHERE replaces IS NOT NULL;

-- REPLACED: a replacement that was never signed because a transaction of its nonce was mined first.
ALTER TABLE tx_request DROP CONSTRAINT tx_request_state_check;
ALTER TABLE tx_request ADD CONSTRAINT tx_request_state_check CHECK (state IN ('DENIED',
    'PENDING_APPROVAL', 'APPROVED', 'TIMELOCKED', 'REJECTED', 'EXPIRED', 'REPLACED'));
