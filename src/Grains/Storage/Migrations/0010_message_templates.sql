-- WhatsApp-approved message templates (Twilio Content API), per consultant: the only messages WhatsApp accepts
-- more than 24 hours after the contact last wrote.
CREATE TABLE IF NOT EXISTS message_templates (
    id            uuid        PRIMARY KEY,
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    content_sid   text        NOT NULL,
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_message_templates_name ON message_templates (consultant_id, lower(name));
