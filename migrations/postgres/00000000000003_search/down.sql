DROP INDEX messages_folded_trgm;
DROP INDEX messages_by_ts;
ALTER TABLE messages DROP COLUMN folded_content;
