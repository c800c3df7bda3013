-- Transaction requests and the approvals given on them.
--
-- A request is decided by the policy when it is submitted and again at every verdict, under a
-- per-wallet advisory lock, with velocity usage read from this table in the same transaction: two
-- requests racing for the last room under a limit are serialized and the second sees the first.
-- Once sent, the request's progress is the state of its eth_transaction row (request_id).

CREATE TABLE tx_request (
    id                        uuid        PRIMARY KEY,
    -- Idempotency: one request per key and requester; body_sha256 tells a retry (same body) from a
    -- reused key with another body (a client bug, answered 409).
    idempotency_key           text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    requester_subject         text        NOT NULL,
    body_sha256               bytea       NOT NULL CHECK (length(body_sha256) = 32),
    -- The requester as the policy saw it at submission; verdicts are re-evaluated against this.
    requester_username        text        NOT NULL,
    requester_roles           text[]      NOT NULL DEFAULT '{}',
    requester_groups          text[]      NOT NULL DEFAULT '{}',
    requester_service_account boolean     NOT NULL,
    wallet_id                 uuid        NOT NULL REFERENCES wallet (id),
    kind                      text        NOT NULL CHECK (kind IN
                                  ('native_transfer', 'erc20_transfer', 'contract_call')),
    -- The body's destination: the recipient for an ERC-20 transfer, else the transaction's to.
    to_address                text        NOT NULL CHECK (to_address ~ '^0x[0-9a-f]{40}$'),
    value_wei                 numeric(78) NOT NULL CHECK (value_wei >= 0),
    token_symbol              text,
    -- The token contract and amount in its smallest unit, for ERC-20 transfers and for contract
    -- calls whose calldata is an ERC-20 transfer/transferFrom/approve of a policy token.
    token_address             text        CHECK (token_address ~ '^0x[0-9a-f]{40}$'),
    token_units               numeric(78) CHECK (token_units >= 0),
    -- What the policy counts DESTINATION usage by (recipient/spender of a token call, else to).
    destination               text        NOT NULL,
    data                      bytea       NOT NULL CHECK (length(data) <= 131072),
    max_fee_per_gas           numeric(78) CHECK (max_fee_per_gas >= 0),
    max_priority_fee_per_gas  numeric(78) CHECK (max_priority_fee_per_gas >= 0),
    memo                      text        CHECK (length(memo) <= 256),
    state                     text        NOT NULL CHECK (state IN ('DENIED', 'PENDING_APPROVAL',
                                  'APPROVED', 'TIMELOCKED', 'REJECTED', 'EXPIRED')),
    decided_rule              text        NOT NULL DEFAULT '',
    policy_hash               text        NOT NULL CHECK (policy_hash ~ '^[0-9a-f]{64}$'),
    explanation               jsonb       NOT NULL,
    not_before                timestamptz,
    -- When the policy allowed it: velocity windows count allowed requests by this time.
    allowed_at                timestamptz,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    UNIQUE (requester_subject, idempotency_key),
    CHECK ((state IN ('APPROVED', 'TIMELOCKED')) = (allowed_at IS NOT NULL)),
    CHECK ((kind = 'erc20_transfer') = (token_symbol IS NOT NULL))
);

CREATE INDEX tx_request_newest ON tx_request (created_at DESC, id DESC);
CREATE INDEX tx_request_by_requester ON tx_request (requester_subject, created_at DESC, id DESC);
CREATE INDEX tx_request_allowed ON tx_request (allowed_at) WHERE allowed_at IS NOT NULL;
CREATE INDEX tx_request_open ON tx_request (state) WHERE state IN ('PENDING_APPROVAL', 'APPROVED', 'TIMELOCKED');

-- One row per approver and request: a later verdict by the same person updates the row, because
-- only a person's latest verdict counts (the policy engine's rule) and the audit log keeps the
-- history. The evidence slot holds a proof of the verdict (an EIP-712 signature by the approver's
-- device key, verified before the row is written); it is replaced with the verdict it signs.
CREATE TABLE approval (
    request_id        uuid        NOT NULL REFERENCES tx_request (id),
    approver_subject  text        NOT NULL,
    approver_username text        NOT NULL,
    approver_groups   text[]      NOT NULL DEFAULT '{}',
    verdict           text        NOT NULL CHECK (verdict IN ('APPROVE', 'REJECT')),
    comment           text        CHECK (length(comment) <= 1024),
    evidence_scheme   text        NOT NULL DEFAULT '',
    evidence_payload  text        NOT NULL DEFAULT '',
    at                timestamptz NOT NULL,
    PRIMARY KEY (request_id, approver_subject)
);
