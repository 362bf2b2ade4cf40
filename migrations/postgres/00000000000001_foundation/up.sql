CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    -- Uniqueness and login lookups ignore ASCII case; the stored spelling is kept in `username`.
    username_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until DOUBLE PRECISION,
    name_color TEXT,
    bio TEXT,
    avatar_file TEXT,
    created_at DOUBLE PRECISION NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the random token in the cookie, so a leaked database yields no usable session.
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DOUBLE PRECISION NOT NULL,
    last_used_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
