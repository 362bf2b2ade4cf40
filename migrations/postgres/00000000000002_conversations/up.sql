-- Every conversation: public channels (created on first use), DMs (on first message), private
-- channels (on creation). Its clock hands out the timestamps of every change in it, so timestamps are
-- strictly increasing per channel in commit order (the row is locked until the writer commits), and a
-- client polling with the largest timestamp it has seen can never miss a change.
CREATE TABLE channels (
    id TEXT PRIMARY KEY NOT NULL,
    -- 0 public, 1 direct message, 2 private channel
    kind INTEGER NOT NULL,
    clock DOUBLE PRECISION NOT NULL DEFAULT 0,
    last_message_ts DOUBLE PRECISION
);

CREATE TABLE private_channels (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    creator_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at DOUBLE PRECISION NOT NULL
);

-- Members of DMs and private channels (everyone is a member of every public channel).
CREATE TABLE channel_members (
    channel TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- A private channel's member sees what was said from this time on (their latest join).
    joined_at DOUBLE PRECISION NOT NULL,
    -- A DM closed by this member stays out of their list until a newer message arrives.
    hidden_at DOUBLE PRECISION,
    PRIMARY KEY (channel, user_id)
);
CREATE INDEX channel_members_by_user ON channel_members (user_id);

CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    -- The rows of one send (text and each attachment) share its first row's id and its ts.
    send_id BIGINT NOT NULL,
    sender TEXT NOT NULL,
    -- NULL for system messages and once the author's account is deleted.
    sender_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    is_system INTEGER NOT NULL DEFAULT 0,
    content TEXT,
    filename TEXT,
    ts DOUBLE PRECISION NOT NULL,
    -- Set by an edit (the API's `edited` flag is `edited_ts IS NOT NULL`).
    edited_ts DOUBLE PRECISION,
    -- Set by a (soft) delete (the API's `deleted` flag is `deleted_ts IS NOT NULL`).
    deleted_ts DOUBLE PRECISION,
    reply_to_id BIGINT,
    reactions_ts DOUBLE PRECISION,
    mentions TEXT,
    -- The latest of ts, edited_ts, reactions_ts and deleted_ts: what `after` polls compare.
    changed_ts DOUBLE PRECISION NOT NULL
);
CREATE INDEX messages_by_channel_changed ON messages (channel, changed_ts);
CREATE INDEX messages_by_channel_ts ON messages (channel, ts);
CREATE INDEX messages_by_send ON messages (send_id);
CREATE INDEX messages_by_sender ON messages (sender_id);
CREATE INDEX messages_by_filename ON messages (filename);

-- One reaction set per send.
CREATE TABLE reactions (
    send_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (send_id, name, user_id)
);
CREATE INDEX reactions_by_user ON reactions (user_id);

-- Read state as one watermark per user and channel: messages after `read_ts` are unread; messages
-- in (`receipts_from`, `read_ts`] carry this user's read receipt. No row means the defaults: for a
-- public channel both are the user's sign-up time (earlier history counts as read, unreceipted).
CREATE TABLE channel_reads (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    read_ts DOUBLE PRECISION NOT NULL,
    receipts_from DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (user_id, channel)
);
CREATE INDEX channel_reads_by_channel ON channel_reads (channel);
