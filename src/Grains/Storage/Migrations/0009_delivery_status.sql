-- Delivery tracking from Twilio's status callbacks: when each step happened, and Twilio's error.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS delivered_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS read_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS failed_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS twilio_error_code integer NULL;

-- WhatsApp's opt-out: a contact who wrote STOP gets no automatic messages until START (the grain's state decides;
-- the list view shows it).
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS opted_out boolean NOT NULL DEFAULT false;

-- A status callback can overtake the send's own response (Twilio reports "sent" before our call returns with
-- the sid). Such callbacks wait here and are applied as soon as the sid is recorded.
CREATE TABLE IF NOT EXISTS early_status_callbacks (
    consultant_id      uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    twilio_sid         text        NOT NULL,
    status             text        NOT NULL,
    twilio_error_code  integer     NULL,
    error              text        NULL,
    received_at        timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_early_status_callbacks_sid ON early_status_callbacks (consultant_id, twilio_sid);

-- How many times Twilio was asked to send this message (transient failures are retried on the same row).
ALTER TABLE messages ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
