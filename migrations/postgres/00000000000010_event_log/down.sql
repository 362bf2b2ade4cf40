DROP FUNCTION minimost_publish(TEXT, TEXT, TEXT);
DROP SEQUENCE event_log_ids;
DROP TABLE event_log;
