-- A requester may withdraw their own request until it is signed (state WITHDRAWN, audit
-- request.withdrawn).
ALTER TABLE tx_request DROP CONSTRAINT tx_request_state_check;
ALTER TABLE tx_request ADD CONSTRAINT tx_request_state_check CHECK (state IN ('DENIED',
    'PENDING_APPROVAL', 'APPROVED', 'TIMELOCKED', 'REJECTED', 'EXPIRED', 'REPLACED', 'WITHDRAWN'));

-- Emergency freezes: a guardian stops all signing for one wallet (wallet_id) or for every wallet
-- (wallet_id NULL) at once; only a governance request of kind freeze.lift, decided by the admins'
-- quorum, lifts it. At most one freeze in force per scope.
CREATE TABLE signing_freeze (
    id                   uuid        PRIMARY KEY,
    wallet_id            uuid        REFERENCES wallet (id),
    reason               text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1024),
    frozen_by_subject    text        NOT NULL,
    frozen_by_username   text        NOT NULL,
    frozen_at            timestamptz NOT NULL,
    lifted_at            timestamptz,
    lifted_by_governance uuid,
    CHECK ((lifted_at IS NULL) = (lifted_by_governance IS NULL))
);
CREATE UNIQUE INDEX signing_freeze_in_force ON signing_freeze
    (coalesce(wallet_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE lifted_at IS NULL;

ALTER TABLE governance_request
    DROP CONSTRAINT governance_request_kind_check,
    ADD CONSTRAINT governance_request_kind_check CHECK (kind IN
        ('approver_key.register', 'approver_key.revoke', 'policy.change', 'address_book.change',
         'wallet.tags', 'freeze.lift')),
    ADD COLUMN freeze_id uuid REFERENCES signing_freeze (id),
    ADD CONSTRAINT governance_request_freeze_check CHECK ((kind = 'freeze.lift') = (freeze_id IS NOT NULL));

ALTER TABLE signing_freeze
    ADD CONSTRAINT signing_freeze_lifted_by_fkey FOREIGN KEY (lifted_by_governance)
        REFERENCES governance_request (id);
