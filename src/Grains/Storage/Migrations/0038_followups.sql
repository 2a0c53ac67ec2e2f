-- Follow-ups (issue 18). A consultant's rules: one row a rule they saved (none: the defaults, switched off).
CREATE TABLE IF NOT EXISTS whatsapp_followup_rules (
    consultant_id      uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    rule               text        NOT NULL CHECK (rule IN ('lead_24h', 'lead_48h', 'client_7d', 'after_consultation', 'before_24h', 'before_1h')),
    enabled            boolean     NOT NULL,
    delay_minutes      integer     NOT NULL CHECK (delay_minutes >= 0),
    -- {"it": "...", "en": "...", "es": "...", "fr": "..."}
    texts              jsonb       NOT NULL,
    template_sid       text        NULL,
    -- {"1": "{name}", "2": "{date}"}
    template_variables jsonb       NULL,
    ai_writes          boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, rule)
);

-- Every follow-up is a row before it is sent: claimed once (one UPDATE … WHERE status = 'pending'), so a crash or a
-- restart sends it at most once more. The anchor is what it follows from: the contact's message (silence rules) or
-- the booking (consultation rules); one follow-up per conversation, rule and anchor.
CREATE TABLE IF NOT EXISTS whatsapp_followup_reminders (
    id              uuid        PRIMARY KEY,
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    contact_phone   text        NOT NULL,
    rule            text        NOT NULL CHECK (rule IN ('lead_24h', 'lead_48h', 'client_7d', 'after_consultation', 'before_24h', 'before_1h')),
    anchor          uuid        NOT NULL,
    anchor_at       timestamptz NOT NULL,
    scheduled_for   timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'paused', 'sent', 'cancelled', 'skipped', 'failed')),
    reason          text        NULL,
    -- Set by the claim; a claim older than the lease (a silo died between claim and send) may be taken once more.
    claimed_at      timestamptz NULL,
    claims          integer     NOT NULL DEFAULT 0,
    -- Times WhatsApp's marketing limit (131049/63049) sent it back to wait.
    retries         integer     NOT NULL DEFAULT 0,
    message_id      uuid        NULL,
    sent_at         timestamptz NULL,
    received_reply  boolean     NOT NULL DEFAULT false,
    replied_at      timestamptz NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_followup_reminders_dedupe ON whatsapp_followup_reminders (conversation_id, rule, anchor);
-- The sweep: what is due now, across consultants.
CREATE INDEX IF NOT EXISTS ix_followup_reminders_due ON whatsapp_followup_reminders (scheduled_for) WHERE status = 'pending';
-- The page's queue and history, newest or soonest first.
CREATE INDEX IF NOT EXISTS ix_followup_reminders_list ON whatsapp_followup_reminders (consultant_id, status, scheduled_for);
-- A conversation's upcoming ones (cancel on a message, the chat header's next one).
CREATE INDEX IF NOT EXISTS ix_followup_reminders_conversation ON whatsapp_followup_reminders (consultant_id, contact_phone)
    WHERE status IN ('pending', 'paused');
-- A delivery status finds its follow-up by the message.
CREATE INDEX IF NOT EXISTS ix_followup_reminders_message ON whatsapp_followup_reminders (message_id) WHERE message_id IS NOT NULL;
