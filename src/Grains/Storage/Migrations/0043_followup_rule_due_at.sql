-- Follow-ups are moved out of the contact's quiet hours when they are scheduled, so scheduled_for is the time they
-- really go (the queue and the chat header show it). rule_due_at keeps the time their rule gives: the sweep's sync of
-- consultation reminders compares that one, so a reminder moved out of quiet hours is not moved back on every sweep.
-- NULL on older rows: the next sync sets it (and moves the row out of quiet hours then).
ALTER TABLE whatsapp_followup_reminders ADD COLUMN IF NOT EXISTS rule_due_at timestamptz NULL;
