-- A transaction sent but not mined within custos.ethereum.stuck-after is flagged, not moved: it may still
-- be mined, and an operator decides whether to speed it up or cancel it.
ALTER TABLE eth_transaction ADD COLUMN stuck_since timestamptz;
CREATE INDEX eth_transaction_stuck ON eth_transaction (stuck_since) WHERE stuck_since IS NOT NULL;
