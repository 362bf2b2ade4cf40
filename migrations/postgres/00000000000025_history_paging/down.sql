DROP INDEX messages_by_channel_id;
