-- A WhatsApp number is owned per Twilio account: the Sandbox number (+14155238886) is shared by every account, so
-- the registry is keyed by (number, AccountSid). Rows from before have no account_sid yet: until the silo's start-up
-- backfill fills it from the consultant's settings, such a row matches its number for any AccountSid (the webhook
-- still compares the AccountSid with the consultant's settings) and keeps the number to its owner.
ALTER TABLE whatsapp_numbers ADD COLUMN IF NOT EXISTS account_sid text NULL;
ALTER TABLE whatsapp_numbers DROP CONSTRAINT IF EXISTS whatsapp_numbers_pkey;
CREATE UNIQUE INDEX IF NOT EXISTS ux_whatsapp_numbers_number_account ON whatsapp_numbers (number, account_sid);

-- A contact is a phone number or a WhatsApp business-scoped user id (BSUID, e.g. US.13491208655302741918). When a
-- webhook carries both, each address points to the conversation's own address (the first one seen), so later
-- messages from either land in the same conversation.
CREATE TABLE IF NOT EXISTS contact_aliases (
    consultant_id        uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    address              text        NOT NULL,
    conversation_address text        NOT NULL,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, address)
);
CREATE INDEX IF NOT EXISTS ix_contact_aliases_conversation ON contact_aliases (consultant_id, conversation_address);

-- Addresses of a client besides their phone (a BSUID the consultant linked): the client is recognised by any of them.
CREATE TABLE IF NOT EXISTS client_addresses (
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    address       text        NOT NULL,
    client_id     uuid        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, address)
);
CREATE INDEX IF NOT EXISTS ix_client_addresses_client ON client_addresses (consultant_id, client_id);
