-- Guided flows: each consultant's flows (the steps as JSON, validated by Flows/FlowRules before they are written);
-- at most one starts by itself for a new lead. A consultant with no row has the built-in default flow.
CREATE TABLE IF NOT EXISTS whatsapp_flows (
    consultant_id        uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    name                 text        NOT NULL,
    starts_for_new_leads boolean     NOT NULL DEFAULT false,
    definition           jsonb       NOT NULL,
    position             integer     NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consultant_id, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS whatsapp_flows_one_for_new_leads
    ON whatsapp_flows (consultant_id) WHERE starts_for_new_leads;

-- What a lead answered in a flow, one row a step (the last answer wins): the field it fills (goal, notes, email,
-- phone, date, or none), the value kept (an option's id, a checked address) and what they wrote.
CREATE TABLE IF NOT EXISTS whatsapp_lead_answers (
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_address text        NOT NULL,
    flow_id         uuid        NOT NULL,
    step_id         text        NOT NULL,
    field           text        NOT NULL CHECK (field IN ('none', 'goal', 'notes', 'email', 'phone', 'date')),
    value           text        NOT NULL,
    raw             text        NOT NULL,
    answered_at     timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, contact_address, flow_id, step_id)
);
CREATE INDEX IF NOT EXISTS whatsapp_lead_answers_contact ON whatsapp_lead_answers (consultant_id, contact_address, answered_at);
