-- Contacts who stopped marketing messages (WhatsApp error 131050 in a failed status callback): one flag per contact,
-- shared by broadcasts and follow-ups, which skip them from then on.
CREATE TABLE IF NOT EXISTS contact_marketing_stops (
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_phone text        NOT NULL,
    error_code    integer     NOT NULL,
    message_id    uuid        NULL,
    stopped_at    timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, contact_phone)
);

-- A broadcast: one message to a segment of a consultant's contacts, paced, exactly once per contact.
CREATE TABLE IF NOT EXISTS whatsapp_broadcasts (
    id                 uuid        PRIMARY KEY,
    consultant_id      uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    name               text        NOT NULL,
    audience_group     text        NOT NULL CHECK (audience_group IN ('all', 'clients', 'leads')),
    audience_tags      text[]      NOT NULL DEFAULT '{}',
    message_text       text        NULL,
    template_id        uuid        NULL,
    template_variables jsonb       NULL,
    status             text        NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
    status_reason      text        NULL,
    scheduled_at       timestamptz NULL,
    created_at         timestamptz NOT NULL,
    started_at         timestamptz NULL,
    finished_at        timestamptz NULL,
    updated_at         timestamptz NOT NULL,
    CHECK ((message_text IS NULL) <> (template_id IS NULL))
);
CREATE INDEX IF NOT EXISTS ix_whatsapp_broadcasts_consultant ON whatsapp_broadcasts (consultant_id, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_whatsapp_broadcasts_active ON whatsapp_broadcasts (status, scheduled_at)
    WHERE status IN ('scheduled', 'running');

-- One row per (broadcast, contact), written when the broadcast starts: claimed before each send, so a restart resumes
-- where it stopped and no contact gets the same broadcast twice. Delivered, read and replied come from the message.
CREATE TABLE IF NOT EXISTS whatsapp_broadcast_recipients (
    broadcast_id    uuid        NOT NULL REFERENCES whatsapp_broadcasts (id) ON DELETE CASCADE,
    consultant_id   uuid        NOT NULL,
    contact_phone   text        NOT NULL,
    display_name    text        NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    reason          text        NULL,
    error_code      integer     NULL,
    message_id      uuid        NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_at      timestamptz NULL,
    sent_at         timestamptz NULL,
    PRIMARY KEY (broadcast_id, contact_phone)
);
CREATE INDEX IF NOT EXISTS ix_whatsapp_broadcast_recipients_due ON whatsapp_broadcast_recipients (broadcast_id, next_attempt_at)
    WHERE status IN ('queued', 'sending');
CREATE INDEX IF NOT EXISTS ix_whatsapp_broadcast_recipients_message ON whatsapp_broadcast_recipients (consultant_id, message_id)
    WHERE message_id IS NOT NULL;
