-- Wallets: an Ethereum account whose key lives in the HSM. The key itself never leaves the token; the
-- row records which key (CKA_ID) and the address derived from its public key.
CREATE TABLE wallet (
    id          uuid        PRIMARY KEY,
    label       text        NOT NULL UNIQUE CHECK (label ~ '^[a-z0-9][a-z0-9._-]{0,47}$'),
    address     text        NOT NULL UNIQUE CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
    key_id      text        NOT NULL UNIQUE,
    chain_id    bigint      NOT NULL CHECK (chain_id > 0),
    tags        text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL
);
