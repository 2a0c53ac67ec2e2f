-- The automated messages (follow-up, broadcast, flow) a contact got, newest first (issue 20): each inbound message
-- looks for the latest one within 72 hours to credit its reply (Broadcasts/BroadcastReplyHook, the automation_replies
-- view). Without it that read walked all of the contact's messages of those 72 hours (0.38 ms a message in the bench);
-- with it, a contact who got none costs one empty index probe. Small: most messages are not automated.
CREATE INDEX IF NOT EXISTS ix_messages_automated ON messages (consultant_id, contact_phone, created_at DESC)
    WHERE direction = 'outbound' AND origin IN ('followup', 'broadcast', 'flow');
