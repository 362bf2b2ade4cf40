-- The cluster's event log: every live event (and stream control) of every node, numbered once for
-- all of them. Nodes learn of new rows through NOTIFY on `minimost_events` and read the log to catch
-- up after a gap or a lost connection; a new node fills its replay history from it.
CREATE TABLE event_log (
    id BIGINT PRIMARY KEY,
    -- NULL: every signed-in user; otherwise a JSON array of user ids.
    audience TEXT,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE SEQUENCE event_log_ids;

-- Appends one event and notifies every node, in one statement (one round trip, its own transaction).
-- Ids are taken under a transaction-scoped advisory lock, so they are committed, and notified, in
-- increasing order: a node that sees id N knows every smaller id is committed or never will be.
-- The commit does not wait for the disk (the event describes rows committed durably before it), so
-- the lock is held for microseconds. A payload over NOTIFY's 8,000-byte limit goes by reference:
-- the id alone, and the nodes read the row.
CREATE FUNCTION minimost_publish(p_audience TEXT, p_kind TEXT, p_data TEXT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    new_id BIGINT;
    payload TEXT;
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    PERFORM pg_advisory_xact_lock(7236911422093410001);
    new_id := nextval('event_log_ids');
    INSERT INTO event_log (id, audience, kind, data) VALUES (new_id, p_audience, p_kind, p_data);
    payload := new_id || ' ' || p_kind || ' ' || COALESCE(p_audience, 'null') || E'\n' || p_data;
    IF octet_length(payload) >= 7900 THEN
        payload := new_id::TEXT;
    END IF;
    PERFORM pg_notify('minimost_events', payload);
    RETURN new_id;
END
$$;
