-- Delivery tracking from Twilio's status callbacks: when each step happened, and Twilio's error.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS delivered_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS read_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS failed_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS twilio_error_code integer NULL;

-- WhatsApp's opt-out: a contact who wrote STOP gets no automatic messages until START (the grain's state decides;
-- the list view shows it).
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS opted_out boolean NOT NULL DEFAULT false;
