-- The messages table as a conversation's pending buffer (issue 20, Acknowledgement:MessagesTableIsTheBuffer): an
-- activation, the debounce and the recovery sweep's wake read the conversation's inbound rows not yet handled
-- (unbatched ones are the burst waiting, batched ones a batch in flight). Small: a row leaves it once answered.
CREATE INDEX IF NOT EXISTS ix_messages_pending ON messages (consultant_id, contact_phone, created_at)
    WHERE direction = 'inbound' AND handled_at IS NULL;
