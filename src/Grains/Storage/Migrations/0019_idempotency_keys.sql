-- Idempotency-Key of the consultant's sends (text, template, attachment), so a double press or a retried request
-- sends once. Scoped to the consultant: another consultant's same key is a key of its own. The row is written before
-- the send (response NULL while it runs), so a second request with the key, on any silo, finds it and sends nothing;
-- the first response is kept for replays. Rows past expires_at are free again and removed by the recovery sweep.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    response        jsonb       NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
