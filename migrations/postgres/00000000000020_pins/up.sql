-- Pins, one per send (like reactions): who pinned it and when. Unpinning keeps the row with
-- `pinned_by` and `pinned_ts` NULL and `changed_ts` at the unpin, so a poller whose `after` is older
-- receives the message once more and learns that the pin is gone (see `store::pins`).
CREATE TABLE pins (
    send_id BIGINT PRIMARY KEY NOT NULL,
    channel TEXT NOT NULL,
    pinned_by TEXT,
    pinned_ts DOUBLE PRECISION,
    changed_ts DOUBLE PRECISION NOT NULL
);
CREATE INDEX pins_by_channel ON pins (channel, pinned_ts);
