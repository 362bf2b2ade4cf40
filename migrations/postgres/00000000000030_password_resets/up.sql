-- Password-reset links an operator creates with `minimost admin reset-password`. Only the SHA-256
-- of the token in the link is stored, so a leaked database yields no usable link. A token is used
-- once: `used_at` is set when the new password is stored.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    used_at DOUBLE PRECISION
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);
