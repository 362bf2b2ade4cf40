-- The tables of files stored in the database (see the PostgreSQL migration). A SQLite deployment
-- is one node and keeps its files in the data directory, so these stay empty; they exist so that
-- both backends have one schema (`src/store/schema.rs`).
CREATE TABLE stored_files (
    id INTEGER PRIMARY KEY,
    area TEXT NOT NULL,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    UNIQUE (area, name)
);
CREATE INDEX stored_files_by_age ON stored_files (area, created_at);

CREATE TABLE file_chunks (
    file_id BIGINT NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (file_id, seq)
);
