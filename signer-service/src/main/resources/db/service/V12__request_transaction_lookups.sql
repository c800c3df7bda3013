-- Lookups that ran once per request or once per tick were sequential scans growing with history.

-- A request's transaction (views, the signing path's "already signed?" check, the release worker's
-- anti-join): the unique index on request_id is partial (attempt = 0), so it served none of them.
CREATE INDEX eth_transaction_by_request ON eth_transaction (request_id, attempt);

-- When the request's transaction was signed, set by the insert of that transaction (a trigger, so
-- no signing path can forget it). Approved requests stay APPROVED for the velocity windows; this
-- column lets the release worker's safety net read only the approved requests not yet signed.
ALTER TABLE tx_request ADD COLUMN signed_at timestamptz;

UPDATE tx_request r SET signed_at = t.signed_at
  FROM (SELECT request_id, min(signed_at) AS signed_at FROM eth_transaction GROUP BY request_id) t
 WHERE t.request_id = r.id;

CREATE FUNCTION mark_request_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tx_request SET signed_at = NEW.signed_at WHERE id = NEW.request_id AND signed_at IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER eth_transaction_marks_request AFTER INSERT ON eth_transaction
  FOR EACH ROW EXECUTE FUNCTION mark_request_signed();

CREATE INDEX tx_request_unsigned ON tx_request (not_before, id)
  WHERE state = 'APPROVED' AND signed_at IS NULL;
