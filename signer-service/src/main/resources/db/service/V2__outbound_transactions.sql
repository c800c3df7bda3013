-- The sending side: what has been signed for the chain, and the nonce cursor per account.
--
-- Exactly once: a transaction row, its nonce and its raw bytes are written in the one database
-- transaction that advances the cursor, so a nonce is never handed out twice (the cursor row is locked
-- by the allocating transaction, and the unique constraint below is the backstop) and a signed
-- transaction is never lost: after a crash it is sent again from its stored raw bytes, which is
-- idempotent on the chain (same bytes, same hash).

CREATE TABLE nonce_cursor (
    chain_id    bigint NOT NULL,
    address     text   NOT NULL,
    next_nonce  bigint NOT NULL CHECK (next_nonce >= 0),
    PRIMARY KEY (chain_id, address)
);

CREATE TABLE eth_transaction (
    id                        uuid        PRIMARY KEY,
    -- The request this transaction carries out. Several rows share one when some replace others
    -- (speed-up, cancel); then they also share the nonce.
    request_id                uuid        NOT NULL,
    wallet_id                 uuid        NOT NULL REFERENCES wallet (id),
    chain_id                  bigint      NOT NULL,
    from_address              text        NOT NULL,
    nonce                     bigint      NOT NULL CHECK (nonce >= 0),
    -- 0 for the original, 1.. for replacements of the same nonce.
    attempt                   int         NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    to_address                text,
    value_wei                 numeric(78) NOT NULL CHECK (value_wei >= 0),
    data                      bytea       NOT NULL,
    gas_limit                 bigint      NOT NULL CHECK (gas_limit > 0),
    max_fee_per_gas           numeric(78) NOT NULL,
    max_priority_fee_per_gas  numeric(78) NOT NULL,
    raw                       bytea       NOT NULL,
    hash                      bytea       NOT NULL UNIQUE,
    state                     text        NOT NULL CHECK (state IN
                                  ('SIGNED', 'BROADCAST', 'MINED', 'CONFIRMED', 'FAILED', 'REPLACED')),
    signed_at                 timestamptz NOT NULL,
    broadcast_at              timestamptz,
    block_number              bigint,
    block_hash                bytea,
    receipt_status            smallint,
    last_error                text,
    UNIQUE (chain_id, from_address, nonce, attempt)
);

-- One original transaction per request: a retried or duplicated worker cannot sign a request twice.
CREATE UNIQUE INDEX eth_transaction_one_original_per_request
    ON eth_transaction (request_id) WHERE attempt = 0;
CREATE INDEX eth_transaction_open ON eth_transaction (state) WHERE state IN ('SIGNED', 'BROADCAST', 'MINED');
