-- Calendar files, the consultant's calendar feed and the contacts' time zones (issue #16). Tokens are kept only as
-- their SHA-256 (Common/SecretTokens); every query names consultant_id or looks up by a token's hash.

-- A link to one consultation's calendar file, sent to the contact with its confirmation: valid until expires_at; the
-- file is built when it is downloaded, so it always shows the consultation as it stands. The language is the
-- contact's when the link was made (the file's few words).
CREATE TABLE IF NOT EXISTS booking_calendar_links (
    token_hash      bytea       PRIMARY KEY,
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    consultation_id uuid        NOT NULL,
    language        text        NOT NULL CHECK (language IN ('it', 'en', 'es', 'fr')),
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_booking_calendar_links_consultation ON booking_calendar_links (consultant_id, consultation_id);

-- The consultant's private calendar feed (an ICS subscription): one secret at a time; rotating replaces it, revoking
-- deletes it.
CREATE TABLE IF NOT EXISTS booking_calendar_feeds (
    consultant_id uuid        PRIMARY KEY REFERENCES consultants (id) ON DELETE CASCADE,
    token_hash    bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL
);

-- A contact's time zone chosen by the consultant (otherwise it is guessed from the number, or the consultant's own).
CREATE TABLE IF NOT EXISTS contact_time_zones (
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_address text        NOT NULL,
    time_zone       text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, contact_address)
);
