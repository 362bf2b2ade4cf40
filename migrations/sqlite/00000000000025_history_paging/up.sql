-- History pages (`GET /messages/{channel}` with `limit`, `before`, `after_id`, `around`) and receipt
-- windows walk one channel's messages in id order from a cursor: with this index each is one range
-- of at most a page's rows, whatever the channel's length.
CREATE INDEX messages_by_channel_id ON messages (channel, id);
