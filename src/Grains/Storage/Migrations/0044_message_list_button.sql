-- The text of the button that opens a list question (WhatsApp's list picker), in the contact's language as it was
-- sent to Twilio: kept with the message, so the simulator shows the contact the same button. Null for any other message.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS list_button text NULL;
