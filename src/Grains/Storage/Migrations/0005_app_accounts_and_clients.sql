-- The application's own tables. Every row carries consultant_id; every query filters by it.
CREATE TABLE IF NOT EXISTS consultants (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL,
    email_normalized   text        NOT NULL UNIQUE,
    name               text        NOT NULL,
    password_hash      text        NOT NULL,
    failed_login_count integer     NOT NULL DEFAULT 0,
    locked_until       timestamptz NULL,
    created_at         timestamptz NOT NULL
);

-- Which consultant a WhatsApp number belongs to: the webhook's lookup, and the one-owner rule.
CREATE TABLE IF NOT EXISTS whatsapp_numbers (
    number        text        PRIMARY KEY,
    consultant_id uuid        NOT NULL UNIQUE REFERENCES consultants (id) ON DELETE CASCADE,
    claimed_at    timestamptz NOT NULL
);

-- ASP.NET Core Data Protection key ring, shared by every silo.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id            bigserial   PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS clients (
    id            uuid        PRIMARY KEY,
    consultant_id uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    phone         text        NOT NULL,
    email         text        NULL,
    language      text        NOT NULL DEFAULT 'en',
    goals         text        NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (consultant_id, phone)
);
CREATE INDEX IF NOT EXISTS ix_clients_consultant_name ON clients (consultant_id, lower(name));

CREATE TABLE IF NOT EXISTS workout_plans (
    client_id     uuid        PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    consultant_id uuid        NOT NULL,
    title         text        NOT NULL,
    details       text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS exercise_logs (
    id            uuid          PRIMARY KEY,
    consultant_id uuid          NOT NULL,
    client_id     uuid          NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    performed_on  date          NOT NULL,
    exercise      text          NOT NULL,
    sets          integer       NULL,
    reps          integer       NULL,
    weight_kg     numeric(7, 2) NULL,
    notes         text          NULL,
    created_at    timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exercise_logs_client ON exercise_logs (consultant_id, client_id, performed_on DESC);

CREATE TABLE IF NOT EXISTS finance_snapshots (
    client_id        uuid           PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    consultant_id    uuid           NOT NULL,
    currency         char(3)        NOT NULL,
    monthly_income   numeric(14, 2) NOT NULL,
    monthly_expenses numeric(14, 2) NOT NULL,
    savings_goal     numeric(14, 2) NOT NULL,
    notes            text           NULL,
    updated_at       timestamptz    NOT NULL
);

CREATE TABLE IF NOT EXISTS consultations (
    id               uuid        PRIMARY KEY,
    consultant_id    uuid        NOT NULL,
    client_id        uuid        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    scheduled_at     timestamptz NOT NULL,
    duration_minutes integer     NOT NULL,
    status           text        NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
    topic            text        NOT NULL,
    notes            text        NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_consultations_client ON consultations (consultant_id, client_id, scheduled_at DESC);
