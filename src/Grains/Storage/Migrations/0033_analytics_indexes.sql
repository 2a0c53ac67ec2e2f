-- Indexes the daily statistics query needed at a year of history (bench/RESULTS.md, "Analytics"; EXPLAIN ANALYZE):
-- the AI's response time finds the batch a reply answers by its id instead of walking back through the conversation
-- (0.045 ms to 0.006 ms a reply), and "converted leads" no longer scans every consultant's conversations.
CREATE INDEX IF NOT EXISTS ix_messages_batch ON messages (consultant_id, batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_conversations_converted ON conversations (consultant_id, lead_converted_at)
    WHERE lead_converted_at IS NOT NULL;
