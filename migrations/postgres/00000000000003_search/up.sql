-- Message search (decision Q21: a literal, Unicode case-insensitive substring match).
--
-- The application writes the text of every searchable message, case-folded by
-- `domain::search::fold`, into `folded_content`: NULL for attachment rows and deleted messages, so
-- they can never be found. Folding happens in Rust so that SQLite and PostgreSQL agree exactly.
ALTER TABLE messages ADD COLUMN folded_content TEXT;

-- Rows written before this migration. lower() follows the database's locale, an approximation of
-- `fold` that only matters for non-ASCII text stored before search existed.
UPDATE messages SET folded_content = lower(content)
WHERE deleted_ts IS NULL AND content IS NOT NULL AND content <> '';

-- Newest-first walk for queries too short for trigrams (see store/search.rs).
CREATE INDEX messages_by_ts ON messages (ts, id);

-- The substring index: trigrams of the folded text. `folded_content LIKE '%…%'` with at least one
-- trigram in the pattern is answered from it (rows are rechecked, so the match stays exact).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_folded_trgm ON messages USING gin (folded_content gin_trgm_ops);
