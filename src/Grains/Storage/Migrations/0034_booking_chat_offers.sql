-- The slots the AI's booking tool last offered a contact (Booking/Chat/OfferedSlots): the opaque slot ids the model
-- books with. Kept apart from the holds, which expire in minutes and are then deleted, so a contact who picks a slot
-- later still books it when it is free, or hears "that slot was just taken" with other times when it is not.
CREATE TABLE IF NOT EXISTS booking_chat_offers (
    id               uuid        PRIMARY KEY,
    consultant_id    uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_address  text        NOT NULL,
    starts_at        timestamptz NOT NULL,
    offered_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS booking_chat_offers_contact ON booking_chat_offers (consultant_id, contact_address);
