-- Google Calendar (issue #16): a consultant's connection, the OAuth sign-ins under way, and each booking's copy in
-- their calendar. The refresh token is kept encrypted (Storage/SecretProtector), never in clear.

-- One row per consultant who connected (or was disconnected by Google: then no token and the problem says why).
CREATE TABLE IF NOT EXISTS google_calendar_connections (
    consultant_id            uuid        PRIMARY KEY REFERENCES consultants (id) ON DELETE CASCADE,
    refresh_token_protected  text        NULL,
    account_email            text        NULL,
    connected_at             timestamptz NULL,
    -- A code of Calendar/GoogleCalendarProblem and when it happened; NULL while all is well.
    problem                  text        NULL,
    problem_at               timestamptz NULL
);

-- An authorization started on the settings page: one use, for the consultant who started it, expiring. The state is
-- kept as its SHA-256 (the browser carries the value), the PKCE verifier encrypted.
CREATE TABLE IF NOT EXISTS google_oauth_states (
    state_hash               text        PRIMARY KEY,
    consultant_id            uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    code_verifier_protected  text        NOT NULL,
    redirect_uri             text        NOT NULL,
    expires_at               timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS google_oauth_states_expires_at ON google_oauth_states (expires_at);

-- A booking as last handed to Google Calendar (wanted_*), and what Google has of it (event id, Meet link, the sequence
-- and status copied). A row whose copy is behind is retried by Calendar/GoogleCalendarRetryGrain.
CREATE TABLE IF NOT EXISTS google_calendar_events (
    consultation_id          uuid        PRIMARY KEY,
    consultant_id            uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    wanted_status            text        NOT NULL,
    wanted_sequence          integer     NOT NULL,
    starts_at                timestamptz NOT NULL,
    duration_minutes         integer     NOT NULL,
    summary                  text        NOT NULL,
    event_id                 text        NULL,
    meet_link                text        NULL,
    synced_sequence          integer     NULL,
    synced_status            text        NULL,
    last_error               text        NULL,
    last_error_at            timestamptz NULL,
    attempts                 integer     NOT NULL DEFAULT 0,
    next_attempt_at          timestamptz NULL
);
CREATE INDEX IF NOT EXISTS google_calendar_events_due ON google_calendar_events (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS google_calendar_events_consultant ON google_calendar_events (consultant_id);
