-- The lead funnel (issue #15): when each lead reached each stage, new → engaged → qualified → booked → converted.
-- One row per lead and stage, written once (a lead may skip stages; the furthest stage is the highest one reached).
-- contact_phone is the conversation's address (messages.contact_phone, "sim:" for the simulator). Written by
-- Analytics/LeadStageEvents only; every query names consultant_id.
CREATE TABLE IF NOT EXISTS lead_stage_events (
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_phone text        NOT NULL,
    stage         text        NOT NULL CHECK (stage IN ('new', 'engaged', 'qualified', 'booked', 'converted')),
    at            timestamptz NOT NULL,
    source        text        NOT NULL CHECK (source IN ('auto', 'consultant', 'flow', 'booking')),
    PRIMARY KEY (consultant_id, contact_phone, stage)
);
-- The funnel's cohort: the leads whose first message falls in a period.
CREATE INDEX IF NOT EXISTS ix_lead_stage_events_first ON lead_stage_events (consultant_id, at) WHERE stage = 'new';

-- What the messages and conversations already tell, for leads from before this table (a contact who was a lead when
-- they first wrote, maybe a client since: the Overview's "new lead").
-- new: their first inbound message.
INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
SELECT c.consultant_id, c.contact_phone, 'new', f.at, 'auto'
  FROM conversations c
  CROSS JOIN LATERAL (SELECT min(m.created_at) AS at FROM messages m
                       WHERE m.consultant_id = c.consultant_id AND m.contact_phone = c.contact_phone
                         AND m.direction = 'inbound') f
 WHERE (c.is_lead OR c.lead_converted_at IS NOT NULL) AND f.at IS NOT NULL
ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING;

-- engaged: the first message they wrote as a lead after something of ours reached them following their first message.
INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
SELECT n.consultant_id, n.contact_phone, 'engaged', e.at, 'auto'
  FROM lead_stage_events n
  CROSS JOIN LATERAL (
      SELECT min(i.created_at) AS at FROM messages i
       WHERE i.consultant_id = n.consultant_id AND i.contact_phone = n.contact_phone
         AND i.direction = 'inbound' AND i.sender = 'lead'
         AND EXISTS (SELECT 1 FROM messages o
                      WHERE o.consultant_id = n.consultant_id AND o.contact_phone = n.contact_phone
                        AND o.direction = 'outbound' AND o.status NOT IN ('failed', 'undelivered', 'cancelled')
                        AND o.created_at > n.at AND o.created_at < i.created_at)) e
 WHERE n.stage = 'new' AND e.at IS NOT NULL
ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING;

-- converted: when the conversation learnt the lead had become a client.
INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
SELECT c.consultant_id, c.contact_phone, 'converted', c.lead_converted_at, 'auto'
  FROM conversations c
 WHERE c.lead_converted_at IS NOT NULL
ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING;
