-- Message search (decision Q21: a literal, Unicode case-insensitive substring match).
--
-- The application writes the text of every searchable message, case-folded by
-- `domain::search::fold`, into `folded_content`: NULL for attachment rows and deleted messages, so
-- they can never be found. Folding happens in Rust so that SQLite and PostgreSQL agree exactly.
ALTER TABLE messages ADD COLUMN folded_content TEXT;

-- Rows written before this migration. SQLite's lower() folds ASCII letters only, an approximation of
-- `fold` that only matters for non-ASCII text stored before search existed.
UPDATE messages SET folded_content = lower(content)
WHERE deleted_ts IS NULL AND content IS NOT NULL AND content <> '';

-- Newest-first walk for queries too short for trigrams (see store/search.rs).
CREATE INDEX messages_by_ts ON messages (ts, id);

-- The substring index: FTS5 trigrams over `folded_content`, stored once in `messages` (external
-- content). Already folded, so the tokenizer must not fold again. A quoted phrase of n >= 3
-- characters matches exactly the texts containing it.
CREATE VIRTUAL TABLE message_search USING fts5(
    folded_content,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'trigram case_sensitive 1'
);
INSERT INTO message_search (message_search) VALUES ('rebuild');

-- External content must be kept in step by hand: whoever inserts, updates or deletes a message row
-- (send, edit, delete, and later account deletion or retention cleanup) keeps the index right through
-- these triggers. Every row is indexed, a NULL one as an empty document, so that FTS5's
-- 'integrity-check' can compare the index with the table.
CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, folded_content) VALUES (new.id, new.folded_content);
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, folded_content)
    VALUES ('delete', old.id, old.folded_content);
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF folded_content ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, folded_content)
    VALUES ('delete', old.id, old.folded_content);
    INSERT INTO message_search (rowid, folded_content) VALUES (new.id, new.folded_content);
END;
