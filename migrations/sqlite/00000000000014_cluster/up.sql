-- What the nodes of one deployment share beyond the chat itself (issue 14).

-- The keys that sign the `session` and `csrf` cookies. Every key verifies until `retired_until`
-- (NULL: no end); the newest generation whose `active_from` has come signs. A rotation adds a key
-- that signs only from a little later (every node has loaded it by then) and retires the one before
-- it at that time plus a grace period. The first key is generation 1, inserted with ON CONFLICT DO
-- NOTHING by whichever node starts first.
CREATE TABLE signing_keys (
    generation INTEGER PRIMARY KEY NOT NULL,
    secret BLOB NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    active_from DOUBLE PRECISION NOT NULL,
    retired_until DOUBLE PRECISION
);

-- Settings every node must agree on, recorded by the nodes (today: `channels`, a JSON list).
CREATE TABLE cluster_settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    changed_at DOUBLE PRECISION NOT NULL
);

-- The running nodes and their heartbeats; a row whose `last_seen` is recent is a live node.
CREATE TABLE nodes (
    id TEXT PRIMARY KEY NOT NULL,
    started_at DOUBLE PRECISION NOT NULL,
    last_seen DOUBLE PRECISION NOT NULL
);
