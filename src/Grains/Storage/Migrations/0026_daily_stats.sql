-- A consultant's closed days (issue #15): one row per local day in the consultant's time zone, written by the nightly
-- close (Analytics/DailyStatsCloserGrain) from the same query that computes today live (Analytics/DailyStatsQuery), so
-- a stored day and a live one agree. Recomputing a day rewrites its row with the same values. Simulator
-- conversations are not in these rows. Never a hand-kept counter: every column is computed from the ledger.
CREATE TABLE IF NOT EXISTS whatsapp_daily_stats (
    consultant_id                uuid             NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    day                          date             NOT NULL,
    -- The zone the day was counted in; a row of another zone than the consultant's current one is computed again.
    time_zone                    text             NOT NULL,
    inbound                      integer          NOT NULL,
    outbound                     integer          NOT NULL,
    ai_replies                   integer          NOT NULL,
    consultant_replies           integer          NOT NULL,
    automated                    integer          NOT NULL,
    unique_contacts              integer          NOT NULL,
    new_leads                    integer          NOT NULL,
    converted_leads              integer          NOT NULL,
    -- Response times in seconds over the replies measured that day (count); NULL when none was.
    ai_response_count            integer          NOT NULL,
    ai_response_avg              double precision NULL,
    ai_response_median           double precision NULL,
    ai_response_p90              double precision NULL,
    consultant_response_count    integer          NOT NULL,
    consultant_response_avg      double precision NULL,
    consultant_response_median   double precision NULL,
    consultant_response_p90      double precision NULL,
    images                       integer          NOT NULL,
    documents                    integer          NOT NULL,
    audio                        integer          NOT NULL,
    failed                       integer          NOT NULL,
    ai_calls                     integer          NOT NULL,
    ai_tokens_in                 bigint           NOT NULL,
    ai_tokens_out                bigint           NOT NULL,
    computed_at                  timestamptz      NOT NULL,
    PRIMARY KEY (consultant_id, day)
);
