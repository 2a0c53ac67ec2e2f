-- Booking (issue #16): the consultant's availability, and the consultations table as the one calendar of bookings.
-- No double booking, ever: an exclusion constraint over each active consultation's time range *including its buffer*
-- (held and scheduled rows), so two contacts picking the same slot at the same moment get one row and one refusal.
-- A hold is a slot offered to a contact and kept from others until hold_expires_at; the constraint cannot look at
-- now(), so Booking/BookingStore deletes the expired holds in the same transaction as every insert or move.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per consultant who changed the defaults (Booking/AvailabilityStore); without one the defaults apply.
CREATE TABLE IF NOT EXISTS booking_availability (
    consultant_id          uuid        PRIMARY KEY REFERENCES consultants (id) ON DELETE CASCADE,
    -- [{"day":"monday","start":"09:00","end":"18:00"}, ...]: several ranges a day allowed, none overlapping.
    weekly_hours           jsonb       NOT NULL,
    consultation_minutes   integer     NOT NULL,
    buffer_minutes         integer     NOT NULL,
    minimum_notice_minutes integer     NOT NULL,
    horizon_days           integer     NOT NULL,
    -- [{"from":"2026-12-24","to":"2026-12-26","note":"Christmas"}, ...]: local dates, both included.
    blocked_periods        jsonb       NOT NULL,
    meeting_link           text        NULL,
    updated_at             timestamptz NOT NULL
);

-- A lead's booking has no client yet: the lead's address and name instead (linked when the lead becomes a client).
ALTER TABLE consultations ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS contact_address text NULL;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS contact_name text NULL;
-- The free time kept after the consultation, as it was when booked.
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS buffer_minutes integer NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS hold_expires_at timestamptz NULL;
-- The calendar file's SEQUENCE: 0 when booked, one more on every change.
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS sequence integer NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS meeting_link text NULL;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS cancel_reason text NULL;
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS updated_at timestamptz NULL;
UPDATE consultations SET updated_at = created_at WHERE updated_at IS NULL;
ALTER TABLE consultations ALTER COLUMN updated_at SET NOT NULL;
-- Consultations recorded before these rules that overlapped an earlier one are kept as they were, outside the rule.
ALTER TABLE consultations ADD COLUMN IF NOT EXISTS recorded_overlap boolean NOT NULL DEFAULT false;

ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_status_check;
ALTER TABLE consultations ADD CONSTRAINT consultations_status_check
    CHECK (status IN ('held', 'scheduled', 'completed', 'cancelled'));
ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_hold_expiry;
ALTER TABLE consultations ADD CONSTRAINT consultations_hold_expiry CHECK ((status = 'held') = (hold_expires_at IS NOT NULL));
ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_contact;
ALTER TABLE consultations ADD CONSTRAINT consultations_contact CHECK (client_id IS NOT NULL OR contact_address IS NOT NULL);
ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_buffer;
ALTER TABLE consultations ADD CONSTRAINT consultations_buffer CHECK (buffer_minutes >= 0);

-- The time a consultation keeps from others: from its start for its minutes (its duration plus its buffer). Adding
-- minutes to an instant does not depend on any time zone, so the function is truly immutable (an index needs that;
-- timestamptz + interval is only marked stable because of days and months).
CREATE OR REPLACE FUNCTION consultation_span(starts_at timestamptz, minutes integer) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT tstzrange(starts_at, starts_at + make_interval(mins => minutes), '[)') $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'consultations_no_overlap') THEN
        UPDATE consultations later SET recorded_overlap = true
         WHERE later.status = 'scheduled'
           AND EXISTS (SELECT 1 FROM consultations earlier
                        WHERE earlier.consultant_id = later.consultant_id AND earlier.id <> later.id
                          AND earlier.status = 'scheduled'
                          AND (earlier.created_at, earlier.id) < (later.created_at, later.id)
                          AND consultation_span(earlier.scheduled_at, earlier.duration_minutes + earlier.buffer_minutes)
                              && consultation_span(later.scheduled_at, later.duration_minutes + later.buffer_minutes));
        ALTER TABLE consultations ADD CONSTRAINT consultations_no_overlap EXCLUDE USING gist (
            consultant_id WITH =,
            consultation_span(scheduled_at, duration_minutes + buffer_minutes) WITH &&
        ) WHERE (status IN ('held', 'scheduled') AND NOT recorded_overlap);
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS ix_consultations_time ON consultations (consultant_id, scheduled_at);
CREATE INDEX IF NOT EXISTS ix_consultations_contact ON consultations (consultant_id, contact_address) WHERE contact_address IS NOT NULL;
