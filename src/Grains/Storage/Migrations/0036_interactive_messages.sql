-- Interactive messages (buttons and lists): what a contact tapped is kept with their message, so a guided flow routes
-- by the option's payload, not by its text; the options an outbound question offered are kept with it, so the
-- simulator and the dashboard can show them.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS button_payload text NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS interactive_options jsonb NULL;

-- Twilio Content resources created for a question, once per consultant and Twilio account: the same question (its
-- kind, body, options and language hashed) is sent again by the same Content SID.
CREATE TABLE IF NOT EXISTS whatsapp_interactive_contents (
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    account_sid   text        NOT NULL,
    content_hash  text        NOT NULL,
    content_sid   text        NOT NULL,
    content_type  text        NOT NULL CHECK (content_type IN ('twilio/quick-reply', 'twilio/list-picker')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consultant_id, account_sid, content_hash)
);
