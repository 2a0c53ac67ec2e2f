-- A consultant's own settings: time zone (IANA), dashboard language and the country assumed for a phone number typed
-- without "+". A column left NULL was never chosen and follows its default (configuration, or the browser's language).
CREATE TABLE IF NOT EXISTS account_settings (
    consultant_id   uuid        PRIMARY KEY REFERENCES consultants (id) ON DELETE CASCADE,
    time_zone       text        NULL,
    ui_culture      text        NULL CHECK (ui_culture IN ('it', 'en')),
    default_country text        NULL CHECK (default_country ~ '^[A-Z]{2}$'),
    updated_at      timestamptz NOT NULL
);
