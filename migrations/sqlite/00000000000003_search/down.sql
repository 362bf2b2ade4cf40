DROP TRIGGER message_search_update;
DROP TRIGGER message_search_delete;
DROP TRIGGER message_search_insert;
DROP TABLE message_search;
DROP INDEX messages_by_ts;
ALTER TABLE messages DROP COLUMN folded_content;
