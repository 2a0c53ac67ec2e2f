-- Inbound: when its batch was dealt with (replied, or flagged for the consultant). NULL: still owed a reply.
-- The cluster's recovery sweep looks for these instead of a reminder per conversation.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS handled_at timestamptz NULL;
-- Batched before this migration: answered, or in flight in its grain (which marks it when done).
UPDATE messages SET handled_at = created_at
 WHERE direction = 'inbound' AND handled_at IS NULL AND batch_id IS NOT NULL;
DROP INDEX IF EXISTS ix_messages_unanswered;
CREATE INDEX IF NOT EXISTS ix_messages_unhandled ON messages (created_at)
    WHERE direction = 'inbound' AND handled_at IS NULL;

-- Key usage is counted from the rotation log, not on the key row, so busy silos never queue on one hot row.
ALTER TABLE ai_api_keys DROP COLUMN IF EXISTS usage_count;
ALTER TABLE ai_api_keys DROP COLUMN IF EXISTS last_used_at;
CREATE INDEX IF NOT EXISTS ix_ai_key_rotation_log_key ON ai_key_rotation_log (key_id, at DESC);
