-- Delivery tracking from Twilio's status callbacks: when each step happened, and Twilio's error.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS delivered_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS read_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS failed_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS twilio_error_code integer NULL;
