-- The confirmations a booking tool's change owes the contact (Booking/Chat/BookingChatNotices): written in the same
-- transaction as the change, so the contact is told even when the AI's reply is cancelled (the consultant took over)
-- or the silo stops before the reply is recorded. One per change (the booking's calendar sequence after it); sent_at
-- is set once the conversation has sent it (or said why not: opted out, window closed).
CREATE TABLE IF NOT EXISTS booking_chat_notices (
    consultant_id    uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    booking_id       uuid        NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    sequence         integer     NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('Booked', 'Rescheduled', 'Cancelled')),
    contact_address  text        NOT NULL,
    batch_id         uuid        NOT NULL,
    starts_at        timestamptz NOT NULL,
    duration_minutes integer     NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz NULL,
    message_id       uuid        NULL,
    problem          text        NULL,
    PRIMARY KEY (consultant_id, booking_id, sequence)
);
CREATE INDEX IF NOT EXISTS booking_chat_notices_unsent ON booking_chat_notices (consultant_id, contact_address) WHERE sent_at IS NULL;
