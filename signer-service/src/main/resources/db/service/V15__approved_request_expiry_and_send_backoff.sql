-- Approved requests that cannot be sent yet (fees above the cap, a node outage, a nonce hold, a call
-- the node says would revert) say why, try again with an exponential back-off instead of every tick,
-- and expire after custos.requests.approved-max-age (state EXPIRED, audit request.expired).
--
-- send_attempts counts failed attempts to sign and send; send_error is the latest failure's reason;
-- next_attempt_at is when the release worker may try again (null: at once).
ALTER TABLE tx_request ADD COLUMN send_attempts integer NOT NULL DEFAULT 0 CHECK (send_attempts >= 0);
ALTER TABLE tx_request ADD COLUMN send_error text CHECK (length(send_error) <= 1024);
ALTER TABLE tx_request ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE tx_request ADD COLUMN next_attempt_at timestamptz;

-- A failed attempt is a request event too (SSE), with its reason: the state alone does not change.
CREATE OR REPLACE FUNCTION announce_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event jsonb;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state IS NOT DISTINCT FROM OLD.state THEN
        IF TG_TABLE_NAME <> 'tx_request' THEN
            RETURN NEW;
        END IF;
        -- Separate statements: eth_transaction rows have no send_attempts to compare.
        IF NEW.send_attempts IS NOT DISTINCT FROM OLD.send_attempts THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'tx_request' THEN
        event := jsonb_build_object(
            'id', NEW.id,
            'state', NEW.state,
            'transaction', NULL,
            'requester', NEW.requester_subject,
            'sendError', NEW.send_error);
    ELSE
        event := jsonb_build_object(
            'id', NEW.request_id,
            'state', NEW.state,
            'transaction', jsonb_build_object(
                'hash', '0x' || encode(NEW.hash, 'hex'),
                'nonce', NEW.nonce,
                'state', NEW.state,
                'blockNumber', NEW.block_number),
            'requester', (SELECT requester_subject FROM tx_request WHERE id = NEW.request_id));
    END IF;
    event := event || jsonb_build_object(
        'seq', nextval('request_event_seq'),
        'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
    PERFORM pg_notify('custos_request_events', event::text);
    RETURN NEW;
END
$$;

DROP TRIGGER tx_request_events ON tx_request;
CREATE TRIGGER tx_request_events AFTER INSERT OR UPDATE OF state, send_attempts ON tx_request
    FOR EACH ROW EXECUTE FUNCTION announce_request_event();
