-- Stored files (attachments and avatars) in the database, so that every node of a cluster serves
-- what any node received. One row per file, its contents in fixed-size chunks (the chunk size is
-- `uploads::database::CHUNK_SIZE`): a download reads one chunk at a time, from any offset, instead
-- of loading the whole file.
CREATE TABLE stored_files (
    id BIGSERIAL PRIMARY KEY,
    -- `uploads` (message attachments) or `avatars`: the two directories of a data-dir deployment.
    area TEXT NOT NULL,
    -- The random stored name (`<32 hex>.<ext>`), as messages and users refer to it.
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- When the file was written (the sweep's grace period, `Last-Modified` and the `ETag`).
    created_at DOUBLE PRECISION NOT NULL,
    UNIQUE (area, name)
);
-- The sweep of files no row refers to looks for old ones.
CREATE INDEX stored_files_by_age ON stored_files (area, created_at);

CREATE TABLE file_chunks (
    file_id BIGINT NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
    -- 0, 1, 2 … in file order.
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (file_id, seq)
);
-- Images are compressed already: storing chunks out of line without another compression attempt
-- saves the CPU of a futile pglz pass on every write.
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
