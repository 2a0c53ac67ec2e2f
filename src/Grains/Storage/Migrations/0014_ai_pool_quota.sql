-- Pool-key calls per consultant and UTC day, for consultants whose WhatsApp is not connected (Ai:PoolQuotaPerConsultantPerDay).
-- One counter row taken atomically before each call, so parallel conversations cannot overshoot the quota;
-- ai_key_rotation_log, written after the call, stays the record of what each call did.
CREATE TABLE IF NOT EXISTS ai_pool_usage (
    consultant_id uuid    NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    day           date    NOT NULL,
    calls         integer NOT NULL,
    PRIMARY KEY (consultant_id, day)
);
