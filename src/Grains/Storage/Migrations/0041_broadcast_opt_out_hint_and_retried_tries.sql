-- Whether a free-text broadcast ends with the opt-out hint ("Reply STOP to stop receiving these messages." in the
-- contact's language): the consultant's choice, on unless they switch it off. A template carries its own wording.
ALTER TABLE whatsapp_broadcasts ADD COLUMN IF NOT EXISTS opt_out_hint boolean NOT NULL DEFAULT true;

-- A broadcast's try that WhatsApp held back (marketing limit 131049/63049, rate limit 429/63018) is tried again later
-- as a new message with its own sid, so every try's status callbacks still find their row. retry_at: when the next
-- try is due (the chat shows this one as waiting); replaced_by: the next try, once made (the chat shows that one
-- instead, so the contact's chat holds the broadcast once).
ALTER TABLE messages ADD COLUMN IF NOT EXISTS retry_at timestamptz NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS replaced_by uuid NULL;
