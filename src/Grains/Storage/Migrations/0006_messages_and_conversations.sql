-- Every WhatsApp message, in and out. Also the durable record of what is still unanswered
-- (inbound rows without a batch) and the idempotency key of each AI reply (reply_to_batch_id, part_index).
CREATE TABLE IF NOT EXISTS messages (
    id                uuid        PRIMARY KEY,
    consultant_id     uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_phone     text        NOT NULL,
    direction         text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    sender            text        NOT NULL CHECK (sender IN ('client', 'lead', 'consultant', 'ai')),
    body              text        NOT NULL DEFAULT '',
    twilio_sid        text        NULL,
    status            text        NOT NULL,
    num_media         integer     NOT NULL DEFAULT 0,
    profile_name      text        NULL,
    wa_id             text        NULL,
    batch_id          uuid        NULL,
    is_batched        boolean     NOT NULL DEFAULT false,
    reply_to_batch_id uuid        NULL,
    part_index        integer     NOT NULL DEFAULT 0,
    error             text        NULL,
    created_at        timestamptz NOT NULL,
    sent_at           timestamptz NULL
);
-- Twilio retries, and webhook plus poller, deliver one MessageSid once.
CREATE UNIQUE INDEX IF NOT EXISTS ux_messages_twilio_sid ON messages (consultant_id, twilio_sid) WHERE twilio_sid IS NOT NULL;
-- One reply per batch: the outbound intent is recorded under this key before Twilio is called.
CREATE UNIQUE INDEX IF NOT EXISTS ux_messages_reply ON messages (consultant_id, reply_to_batch_id, part_index) WHERE reply_to_batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_messages_conversation ON messages (consultant_id, contact_phone, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_messages_unanswered ON messages (consultant_id, contact_phone)
    WHERE direction = 'inbound' AND batch_id IS NULL;

-- The list view of conversations, kept up to date by each conversation grain (its state is the source).
CREATE TABLE IF NOT EXISTS conversations (
    consultant_id      uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_phone      text        NOT NULL,
    display_name       text        NULL,
    client_id          uuid        NULL,
    is_lead            boolean     NOT NULL,
    lead_converted_at  timestamptz NULL,
    ai_enabled         boolean     NOT NULL DEFAULT true,
    message_count      integer     NOT NULL DEFAULT 0,
    unread_count       integer     NOT NULL DEFAULT 0,
    last_message_at    timestamptz NULL,
    last_inbound_at    timestamptz NULL,
    last_preview       text        NULL,
    needs_reply        boolean     NOT NULL DEFAULT false,
    needs_reply_reason text        NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, contact_phone)
);
CREATE INDEX IF NOT EXISTS ix_conversations_recent ON conversations (consultant_id, last_message_at DESC);

-- The global AI key pool used for leads: least recently used first, cooled down after a 429.
CREATE TABLE IF NOT EXISTS ai_api_keys (
    id              uuid        PRIMARY KEY,
    label           text        NOT NULL,
    protected_key   text        NOT NULL,
    key_hint        text        NOT NULL,
    usage_count     bigint      NOT NULL DEFAULT 0,
    last_used_at    timestamptz NULL,
    cooldown_until  timestamptz NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS ai_key_rotation_log (
    id            bigserial   PRIMARY KEY,
    key_id        uuid        NULL,
    key_source    text        NOT NULL CHECK (key_source IN ('pool', 'consultant')),
    consultant_id uuid        NOT NULL,
    outcome       text        NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_ai_key_rotation_log_at ON ai_key_rotation_log (at DESC);
