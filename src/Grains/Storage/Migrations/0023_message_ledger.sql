-- One ledger of messages (issue #15): every outbound message says where it came from, every AI call what it cost.

-- Who or what wrote an outbound message (Messages/MessageOrigin); NULL for inbound. `sender` stays as the API shows it.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS origin text NULL;

-- Until now only the AI and the consultant wrote: their rows are theirs...
UPDATE messages SET origin = CASE WHEN sender = 'consultant' THEN 'consultant' ELSE 'ai' END
 WHERE direction = 'outbound' AND origin IS NULL;
-- ...except the STOP/START confirmations, recorded as the AI's reply to a batch holding the keyword
-- (Replying/OptOutKeywords: the whole message, any case, trailing '.' or '!' ignored).
UPDATE messages o SET origin = 'system'
  FROM messages i
 WHERE o.direction = 'outbound' AND o.origin = 'ai' AND o.reply_to_batch_id IS NOT NULL
   AND i.consultant_id = o.consultant_id AND i.batch_id = o.reply_to_batch_id AND i.direction = 'inbound'
   AND upper(rtrim(btrim(i.body), '.!')) IN
       ('STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRESTA', 'BASTA', 'START', 'UNSTOP', 'RIPRENDI');

-- From now on a write path that forgets the origin fails at once instead of skewing the statistics.
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_origin_check;
ALTER TABLE messages ADD CONSTRAINT messages_origin_check CHECK (
    (direction = 'inbound' AND origin IS NULL)
    OR (direction = 'outbound' AND origin IN ('ai', 'consultant', 'followup', 'broadcast', 'flow', 'system')));

-- Statistics read a consultant's messages by time, across conversations.
CREATE INDEX IF NOT EXISTS ix_messages_consultant_created ON messages (consultant_id, created_at);

-- The one ledger of AI calls (pool and consultant keys): what each call cost and how long it took, and for whom.
ALTER TABLE ai_key_rotation_log ADD COLUMN IF NOT EXISTS input_tokens integer NULL;
ALTER TABLE ai_key_rotation_log ADD COLUMN IF NOT EXISTS output_tokens integer NULL;
ALTER TABLE ai_key_rotation_log ADD COLUMN IF NOT EXISTS latency_ms integer NULL;
-- The conversation's address (NULL for calls logged before this column); simulator conversations start with 'sim:'.
ALTER TABLE ai_key_rotation_log ADD COLUMN IF NOT EXISTS contact_phone text NULL;
CREATE INDEX IF NOT EXISTS ix_ai_key_rotation_log_consultant ON ai_key_rotation_log (consultant_id, at);

-- A reply to automation, defined once: the first inbound message within 72 hours after an automated message
-- (follow-up, broadcast, flow) that was sent counts as the reply to the latest such message before it. One row per
-- automated message sent; reply_* NULL when it got none (or a later automated message took the reply).
CREATE OR REPLACE VIEW automation_replies AS
SELECT a.consultant_id, a.contact_phone, a.id AS automated_message_id, a.origin, a.created_at AS automated_at,
       r.id AS reply_message_id, r.created_at AS replied_at
  FROM messages a
  LEFT JOIN LATERAL (
      SELECT i.id, i.created_at
        FROM messages i
       WHERE i.consultant_id = a.consultant_id AND i.contact_phone = a.contact_phone AND i.direction = 'inbound'
         AND i.created_at > a.created_at AND i.created_at <= a.created_at + interval '72 hours'
         AND NOT EXISTS (
             SELECT 1 FROM messages later
              WHERE later.consultant_id = a.consultant_id AND later.contact_phone = a.contact_phone
                AND later.direction = 'outbound' AND later.origin IN ('followup', 'broadcast', 'flow')
                AND later.status NOT IN ('cancelled', 'failed', 'undelivered')
                AND later.created_at > a.created_at AND later.created_at < i.created_at)
       ORDER BY i.created_at
       LIMIT 1) r ON true
 WHERE a.direction = 'outbound' AND a.origin IN ('followup', 'broadcast', 'flow')
   AND a.status NOT IN ('cancelled', 'failed', 'undelivered');
