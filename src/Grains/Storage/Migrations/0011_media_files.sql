-- Media of WhatsApp messages: what the contact sent (downloaded from Twilio in the background, then analysed)
-- and what the consultant attached by hand (offered to Twilio at an unguessable, expiring URL).
CREATE TABLE IF NOT EXISTS whatsapp_media_files (
    id                 uuid        PRIMARY KEY,
    consultant_id      uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    message_id         uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    media_index        integer     NOT NULL,
    direction          text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    original_url       text        NULL,
    declared_mime_type text        NULL,
    file_name          text        NOT NULL,
    mime_type          text        NULL,
    file_size          bigint      NULL,
    -- pending: still to download or analyse; done: stored (and analysed when it can be); failed: see error.
    state              text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    downloaded         boolean     NOT NULL DEFAULT false,
    downloaded_at      timestamptz NULL,
    local_path         text        NULL,
    ai_processed       boolean     NOT NULL DEFAULT false,
    ai_analysis        jsonb       NULL,
    extracted_text     text        NULL,
    metadata           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error              text        NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    public_token_hash  bytea       NULL,
    public_expires_at  timestamptz NULL,
    created_at         timestamptz NOT NULL,
    UNIQUE (message_id, media_index)
);
CREATE INDEX IF NOT EXISTS ix_media_files_message ON whatsapp_media_files (consultant_id, message_id);
CREATE UNIQUE INDEX IF NOT EXISTS ux_media_files_public_token ON whatsapp_media_files (public_token_hash)
    WHERE public_token_hash IS NOT NULL;
-- The recovery sweep finds media whose processing a stopped silo left unfinished.
CREATE INDEX IF NOT EXISTS ix_media_files_pending ON whatsapp_media_files (created_at) WHERE state = 'pending';
