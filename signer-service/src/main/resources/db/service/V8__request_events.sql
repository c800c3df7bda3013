-- Request events for GET /api/v1/requests/events (server-sent events). Every state change of a
-- request or of its transaction is announced with pg_notify by a trigger, so it happens in the very
-- transaction that makes the change, whichever code path makes it: PostgreSQL delivers the
-- notification only if and when that transaction commits, in commit order, to every service instance
-- that LISTENs on the database. seq numbers the events: it grows along each request's changes (those
-- are serialized by row locks), not necessarily across requests committed concurrently.
CREATE SEQUENCE request_event_seq;

CREATE FUNCTION announce_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event jsonb;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'tx_request' THEN
        event := jsonb_build_object(
            'id', NEW.id,
            'state', NEW.state,
            'transaction', NULL,
            'requester', NEW.requester_subject);
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

CREATE TRIGGER tx_request_events AFTER INSERT OR UPDATE OF state ON tx_request
    FOR EACH ROW EXECUTE FUNCTION announce_request_event();
CREATE TRIGGER eth_transaction_events AFTER INSERT OR UPDATE OF state ON eth_transaction
    FOR EACH ROW EXECUTE FUNCTION announce_request_event();
