-- The nonce cursor is checked against the node: when the node counts more transactions from an account
-- than Custos ever signed, someone else used the key (or the database lost signed transactions). Custos
-- does not skip the nonces it did not sign; it stops signing for that account and flags the cursor until
-- an operator has looked. node_nonce is the node's pending count that was seen.
ALTER TABLE nonce_cursor
    ADD COLUMN diverged_since timestamptz,
    ADD COLUMN node_nonce     bigint CHECK (node_nonce >= 0);
