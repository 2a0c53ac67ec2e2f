-- Dashboard sessions that were signed out. The session cookie stays valid cryptographically until it expires, so a
-- copy of it (another tab, a stolen cookie) is refused by looking its session id up here. Rows live until the
-- cookie they name would have expired.
CREATE TABLE IF NOT EXISTS signed_out_sessions (
    session_id    text        PRIMARY KEY,
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    signed_out_at timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_signed_out_sessions_expires ON signed_out_sessions (expires_at);
