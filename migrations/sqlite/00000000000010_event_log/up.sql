-- The cluster's event log (see the PostgreSQL migration). A SQLite database serves one node, whose
-- events never leave its memory: the table exists so both backends share one schema, and stays empty.
CREATE TABLE event_log (
    id BIGINT PRIMARY KEY NOT NULL,
    audience TEXT,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
);
