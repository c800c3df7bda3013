-- Device-signed approvals: the deployment's identity (bound into every EIP-712 domain), the active
-- policy's history, the approvers' registered device keys, and the governance requests that change
-- them.

-- One row: the id that tells this deployment's signatures from any other's (EIP-712 domain salt).
-- Generated on first start unless custos.deployment-id names it; it never changes afterwards.
CREATE TABLE deployment (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    id         uuid        NOT NULL,
    created_at timestamptz NOT NULL
);

-- Each policy version the service started with, so that a policy.activated audit entry (holding
-- the document) is written once per change of hash, not at every start.
CREATE TABLE policy_activation (
    seq          bigserial   PRIMARY KEY,
    hash         text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    activated_at timestamptz NOT NULL
);

-- A change to the approvers' keys, decided by the active policy's governance quorum (admins).
CREATE TABLE governance_request (
    id                 uuid        PRIMARY KEY,
    kind               text        NOT NULL CHECK (kind IN
                           ('approver_key.register', 'approver_key.revoke')),
    proposer_subject   text        NOT NULL,
    proposer_username  text        NOT NULL,
    proposer_roles     text[]      NOT NULL DEFAULT '{}',
    proposer_groups    text[]      NOT NULL DEFAULT '{}',
    -- The key the change is about, and whose it is.
    key_address        text        NOT NULL CHECK (key_address ~ '^0x[0-9a-f]{40}$'),
    key_subject        text        NOT NULL,
    key_username       text        NOT NULL,
    -- For a registration: the KeyRegistration typed data and the new key's signature over it.
    proof              jsonb,
    state              text        NOT NULL CHECK (state IN
                           ('PENDING_APPROVAL', 'APPROVED', 'REJECTED')),
    decided_rule       text        NOT NULL DEFAULT '',
    policy_hash        text        NOT NULL CHECK (policy_hash ~ '^[0-9a-f]{64}$'),
    explanation        jsonb       NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK ((kind = 'approver_key.register') = (proof IS NOT NULL))
);

CREATE INDEX governance_request_newest ON governance_request (created_at DESC, id DESC);

-- The admins' verdicts on governance requests: one row per admin and request, the latest counts.
CREATE TABLE governance_approval (
    request_id        uuid        NOT NULL REFERENCES governance_request (id),
    approver_subject  text        NOT NULL,
    approver_username text        NOT NULL,
    approver_groups   text[]      NOT NULL DEFAULT '{}',
    verdict           text        NOT NULL CHECK (verdict IN ('APPROVE', 'REJECT')),
    comment           text        CHECK (length(comment) <= 1024),
    at                timestamptz NOT NULL,
    PRIMARY KEY (request_id, approver_subject)
);

-- An approver's device key. An address is registered at most once, ever: a revoked key stays
-- revoked, so a signature it made can never count again. A subject has at most one ACTIVE key;
-- registering another rotates (the old one is revoked in the same transaction).
CREATE TABLE approver_key (
    address                 text        PRIMARY KEY CHECK (address ~ '^0x[0-9a-f]{40}$'),
    subject                 text        NOT NULL,
    username                text        NOT NULL,
    state                   text        NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'REVOKED')),
    registration_request_id uuid        NOT NULL REFERENCES governance_request (id),
    registered_at           timestamptz,
    revoked_at              timestamptz,
    CHECK ((state = 'PENDING') = (registered_at IS NULL)),
    CHECK ((state = 'REVOKED') = (revoked_at IS NOT NULL))
);

CREATE UNIQUE INDEX approver_key_one_active ON approver_key (subject) WHERE state = 'ACTIVE';
