-- A conversation whose last batch the AI could not answer for want of a usable key (none saved, rejected, the shared
-- pool empty or its daily quota used up). When the consultant saves a key, or an administrator adds a pool key, these
-- are answered then, so their "needs reply" goes once its cause is fixed.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS awaits_ai_key boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS ix_conversations_awaits_ai_key ON conversations (consultant_id) WHERE awaits_ai_key;
