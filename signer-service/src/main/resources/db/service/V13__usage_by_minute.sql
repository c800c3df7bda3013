-- Velocity usage by minute. A decision reads the usage of its subjects under their locks; reading
-- it from every allowed request of the window made each decision cost a scan that grew with the
-- day's volume, and every decision of one subject waited behind that scan. The figures per minute
-- are kept here by a trigger on tx_request; a reader sums the whole minutes of its window and reads
-- only the minute at the window's start request by request (UsageQuery), so the figure is exact.
--
-- What counts is what counted before: allowed requests (APPROVED, TIMELOCKED) that are not
-- replacements, by allowed_at. Each such request adds, in its minute, one request and its value in
-- wei to the row of asset '' of its wallet, requester, destination and deciding rule, and its token
-- units to the row of its token contract, if any.
CREATE TABLE usage_minute (
    scope    text        NOT NULL CHECK (scope IN ('WALLET', 'REQUESTER', 'DESTINATION', 'RULE')),
    subject  text        NOT NULL,
    -- '' for requests and wei; a token contract (0x + 40 lower-case hex) for its units
    asset    text        NOT NULL,
    minute   timestamptz NOT NULL,
    requests bigint      NOT NULL,
    amount   numeric     NOT NULL,
    PRIMARY KEY (scope, subject, asset, minute)
);

CREATE FUNCTION usage_add(s text, subj text, a text, m timestamptz, n bigint, amt numeric)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO usage_minute (scope, subject, asset, minute, requests, amount)
  VALUES (s, subj, a, m, n, amt)
  ON CONFLICT (scope, subject, asset, minute) DO UPDATE
    SET requests = usage_minute.requests + EXCLUDED.requests,
        amount = usage_minute.amount + EXCLUDED.amount
$$;

-- Adds (sign 1) or removes (sign -1) one request's figures, in a fixed order of scopes so that two
-- committing transactions take the rows they share in the same order.
CREATE FUNCTION usage_apply(r tx_request, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m timestamptz := date_trunc('minute', r.allowed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  scopes text[] := ARRAY['WALLET', 'REQUESTER', 'DESTINATION', 'RULE'];
  subjects text[] := ARRAY[r.wallet_id::text, r.requester_subject, r.destination, r.decided_rule];
BEGIN
  FOR i IN 1..4 LOOP
    PERFORM usage_add(scopes[i], subjects[i], '', m, sign, sign * r.value_wei);
    IF r.token_address IS NOT NULL THEN
      PERFORM usage_add(scopes[i], subjects[i], r.token_address, m, 0, sign * r.token_units);
    END IF;
  END LOOP;
END $$;

CREATE FUNCTION usage_counts(r tx_request) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT r.state IN ('APPROVED', 'TIMELOCKED') AND r.replaces IS NULL AND r.allowed_at IS NOT NULL
$$;

CREATE FUNCTION tx_request_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND usage_counts(OLD) AND usage_counts(NEW)
     AND (OLD.allowed_at, OLD.wallet_id, OLD.requester_subject, OLD.destination, OLD.decided_rule,
          OLD.value_wei, OLD.token_address, OLD.token_units)
         IS NOT DISTINCT FROM
         (NEW.allowed_at, NEW.wallet_id, NEW.requester_subject, NEW.destination, NEW.decided_rule,
          NEW.value_wei, NEW.token_address, NEW.token_units) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND usage_counts(OLD) THEN
    PERFORM usage_apply(OLD, -1);
  END IF;
  IF usage_counts(NEW) THEN
    PERFORM usage_apply(NEW, 1);
  END IF;
  RETURN NULL;
END $$;

-- Deferred to commit: the rows a destination or rule shares across wallets are then locked only
-- while the transaction commits, not for the rest of it. A decision reads usage after taking its
-- subjects' advisory locks, which the writer releases only after its commit (triggers included).
CREATE CONSTRAINT TRIGGER tx_request_usage
  AFTER INSERT OR UPDATE OF state, allowed_at, replaces, wallet_id, requester_subject, destination,
    decided_rule, value_wei, token_address, token_units ON tx_request
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION tx_request_usage();

INSERT INTO usage_minute (scope, subject, asset, minute, requests, amount)
SELECT scope, subject, asset, minute, sum(requests), sum(amount)
  FROM (SELECT date_trunc('minute', r.allowed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS minute,
               s.scope, s.subject, a.asset, a.requests, a.amount
          FROM tx_request r
          CROSS JOIN LATERAL (VALUES ('WALLET', r.wallet_id::text), ('REQUESTER', r.requester_subject),
                                     ('DESTINATION', r.destination), ('RULE', r.decided_rule))
                AS s (scope, subject)
          CROSS JOIN LATERAL (VALUES ('', 1, r.value_wei), (r.token_address, 0, r.token_units))
                AS a (asset, requests, amount)
         WHERE usage_counts(r) AND a.asset IS NOT NULL) x
 GROUP BY scope, subject, asset, minute;
