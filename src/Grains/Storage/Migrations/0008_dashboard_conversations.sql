-- The dashboard addresses a conversation by one id: the first 16 bytes of sha256("{consultant id:N}/{phone}"),
-- computed the same way in ConversationIds.For, so the grain never has to store it.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS id uuid NULL;
UPDATE conversations
   SET id = substr(encode(sha256(convert_to(replace(consultant_id::text, '-', '') || '/' || contact_phone, 'UTF8')), 'hex'), 1, 32)::uuid
 WHERE id IS NULL;
ALTER TABLE conversations ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_conversations_id ON conversations (id);

-- Taking over from the AI, reading, and the consultant's private tags and notes.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS ai_overridden_at timestamptz NULL;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS ai_overridden_by text NULL;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS last_read_by_consultant timestamptz NULL;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS notes text NULL;

-- How a message travelled: WhatsApp through Twilio, or the dashboard's simulator (replies go back the same way).
ALTER TABLE messages ADD COLUMN IF NOT EXISTS channel text NOT NULL DEFAULT 'whatsapp';
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_channel_check;
ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('whatsapp', 'simulator'));
