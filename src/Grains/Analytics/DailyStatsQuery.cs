using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The one query behind the daily statistics: any range of a consultant's local days, from the messages table and the
/// ledger of AI calls, one row per day (days without anything included). Today is computed live with it and closed
/// days are stored from it, so both agree. Days are the consultant's local dates (PostgreSQL's AT TIME ZONE: a day
/// with a summer-time change has 23 or 25 hours). Simulator conversations are left out unless asked for.
/// </summary>
public sealed class DailyStatsQuery(NpgsqlDataSource dataSource)
{
    // Answers: what ends a wait for the consultant. Follow-ups and broadcasts are not answers; cancelled or failed sends neither.
    private const string Sql =
        """
        WITH days AS (
            SELECT @from::date + n AS day FROM generate_series(0, @days - 1) AS n
        ),
        msg AS (
            SELECT m.id, m.contact_phone, m.direction, m.origin, m.status, m.created_at, m.sent_at, m.reply_to_batch_id,
                   m.part_index, m.num_media, (m.created_at AT TIME ZONE @zone)::date AS day
              FROM messages m
             WHERE m.consultant_id = @consultantId AND m.created_at >= @start AND m.created_at < @end
               AND (@includeSimulator OR NOT starts_with(m.contact_phone, @simulatorPrefix))
        ),
        counts AS (
            SELECT day,
                   count(*) FILTER (WHERE direction = 'inbound')::int AS inbound,
                   count(*) FILTER (WHERE direction = 'outbound' AND status <> 'cancelled')::int AS outbound,
                   count(*) FILTER (WHERE origin = 'ai' AND status <> 'cancelled')::int AS ai_replies,
                   count(*) FILTER (WHERE origin = 'consultant')::int AS consultant_replies,
                   count(*) FILTER (WHERE origin IN ('followup', 'broadcast', 'flow') AND status <> 'cancelled')::int AS automated,
                   count(DISTINCT contact_phone) FILTER (WHERE direction = 'inbound')::int AS unique_contacts,
                   count(*) FILTER (WHERE direction = 'outbound' AND status IN ('failed', 'undelivered'))::int AS failed
              FROM msg GROUP BY day
        ),
        media AS (
            SELECT msg.day,
                   count(*) FILTER (WHERE f.mime LIKE 'image/%')::int AS images,
                   count(*) FILTER (WHERE f.mime LIKE 'audio/%')::int AS audio,
                   count(*) FILTER (WHERE f.mime NOT LIKE 'image/%' AND f.mime NOT LIKE 'audio/%' AND f.mime NOT LIKE 'video/%')::int AS documents
              FROM msg
              JOIN LATERAL (
                  SELECT lower(coalesce(mf.mime_type, mf.declared_mime_type, '')) AS mime FROM whatsapp_media_files mf
                   WHERE mf.consultant_id = @consultantId AND mf.message_id = msg.id AND mf.direction = 'inbound') f ON true
             WHERE msg.direction = 'inbound' AND msg.num_media > 0
             GROUP BY msg.day
        ),
        first_messages AS (
            SELECT DISTINCT ON (contact_phone) contact_phone, day FROM msg ORDER BY contact_phone, created_at
        ),
        new_leads AS (
            SELECT f.day, count(*)::int AS new_leads
              FROM first_messages f
             WHERE NOT EXISTS (SELECT 1 FROM messages e WHERE e.consultant_id = @consultantId AND e.contact_phone = f.contact_phone
                                  AND e.created_at < @start)
               AND EXISTS (SELECT 1 FROM conversations c WHERE c.consultant_id = @consultantId AND c.contact_phone = f.contact_phone
                              AND (c.is_lead OR c.lead_converted_at IS NOT NULL))
             GROUP BY f.day
        ),
        converted AS (
            SELECT (c.lead_converted_at AT TIME ZONE @zone)::date AS day, count(*)::int AS converted_leads
              FROM conversations c
             WHERE c.consultant_id = @consultantId AND c.lead_converted_at >= @start AND c.lead_converted_at < @end
               AND (@includeSimulator OR NOT starts_with(c.contact_phone, @simulatorPrefix))
             GROUP BY 1
        ),
        ai_times AS (
            SELECT r.day, extract(epoch FROM r.sent_at - b.last_inbound)::float8 AS seconds
              FROM msg r
             CROSS JOIN LATERAL (
                  SELECT i.created_at AS last_inbound FROM messages i
                   WHERE i.consultant_id = @consultantId AND i.contact_phone = r.contact_phone AND i.direction = 'inbound'
                     AND i.created_at <= r.created_at AND i.batch_id = r.reply_to_batch_id
                   ORDER BY i.created_at DESC LIMIT 1) b
             WHERE r.origin = 'ai' AND r.part_index = 0 AND r.reply_to_batch_id IS NOT NULL AND r.sent_at IS NOT NULL
        ),
        consultant_times AS (
            SELECT r.day, extract(epoch FROM coalesce(r.sent_at, r.created_at) - w.first_waiting)::float8 AS seconds
              FROM msg r
              LEFT JOIN LATERAL (
                  SELECT p.created_at AS answered_at FROM messages p
                   WHERE p.consultant_id = @consultantId AND p.contact_phone = r.contact_phone AND p.direction = 'outbound'
                     AND p.created_at < r.created_at AND p.origin IN ('ai', 'consultant', 'system', 'flow')
                     AND p.status NOT IN ('cancelled', 'failed', 'undelivered')
                   ORDER BY p.created_at DESC LIMIT 1) answered ON true
             CROSS JOIN LATERAL (
                  SELECT min(i.created_at) AS first_waiting FROM messages i
                   WHERE i.consultant_id = @consultantId AND i.contact_phone = r.contact_phone AND i.direction = 'inbound'
                     AND i.created_at < r.created_at AND i.created_at > coalesce(answered.answered_at, '-infinity')) w
             WHERE r.origin = 'consultant' AND r.status NOT IN ('failed', 'undelivered') AND w.first_waiting IS NOT NULL
        ),
        ai_stats AS (
            SELECT day, count(*)::int AS n, round(avg(seconds)::numeric, 1)::float8 AS avg,
                   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds))::numeric, 1)::float8 AS median,
                   round((percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds))::numeric, 1)::float8 AS p90
              FROM ai_times GROUP BY day
        ),
        consultant_stats AS (
            SELECT day, count(*)::int AS n, round(avg(seconds)::numeric, 1)::float8 AS avg,
                   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds))::numeric, 1)::float8 AS median,
                   round((percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds))::numeric, 1)::float8 AS p90
              FROM consultant_times GROUP BY day
        ),
        ai_calls AS (
            SELECT (l.at AT TIME ZONE @zone)::date AS day, count(*)::int AS calls,
                   coalesce(sum(l.input_tokens), 0)::bigint AS tokens_in, coalesce(sum(l.output_tokens), 0)::bigint AS tokens_out
              FROM ai_key_rotation_log l
             WHERE l.consultant_id = @consultantId AND l.at >= @start AND l.at < @end
               AND (@includeSimulator OR l.contact_phone IS NULL OR NOT starts_with(l.contact_phone, @simulatorPrefix))
             GROUP BY 1
        )
        SELECT d.day AS Date,
               coalesce(c.inbound, 0) AS Inbound, coalesce(c.outbound, 0) AS Outbound,
               coalesce(c.ai_replies, 0) AS AiReplies, coalesce(c.consultant_replies, 0) AS ConsultantReplies,
               coalesce(c.automated, 0) AS Automated, coalesce(c.unique_contacts, 0) AS UniqueContacts,
               coalesce(nl.new_leads, 0) AS NewLeads, coalesce(cv.converted_leads, 0) AS ConvertedLeads,
               coalesce(a.n, 0) AS AiResponseCount, a.avg AS AiResponseAvg, a.median AS AiResponseMedian, a.p90 AS AiResponseP90,
               coalesce(h.n, 0) AS ConsultantResponseCount, h.avg AS ConsultantResponseAvg, h.median AS ConsultantResponseMedian,
               h.p90 AS ConsultantResponseP90,
               coalesce(md.images, 0) AS Images, coalesce(md.documents, 0) AS Documents, coalesce(md.audio, 0) AS Audio,
               coalesce(c.failed, 0) AS Failed,
               coalesce(l.calls, 0) AS AiCalls, coalesce(l.tokens_in, 0) AS AiTokensIn, coalesce(l.tokens_out, 0) AS AiTokensOut
          FROM days d
          LEFT JOIN counts c ON c.day = d.day
          LEFT JOIN media md ON md.day = d.day
          LEFT JOIN new_leads nl ON nl.day = d.day
          LEFT JOIN converted cv ON cv.day = d.day
          LEFT JOIN ai_stats a ON a.day = d.day
          LEFT JOIN consultant_stats h ON h.day = d.day
          LEFT JOIN ai_calls l ON l.day = d.day
         ORDER BY d.day
        """;

    /// <summary>Each day of <paramref name="period"/>, the consultant's local dates in <paramref name="timeZone"/> (an IANA id).</summary>
    internal async Task<IReadOnlyList<DailyStatsRow>> ComputeAsync(
        Guid consultantId, string timeZone, AnalyticsPeriod period, bool includeSimulator)
    {
        var range = period.In(TimeZones.Get(timeZone));
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<DailyStatsRow>(Sql, new
        {
            consultantId,
            zone = timeZone,
            from = period.From,
            days = period.Days,
            start = range.Start,
            end = range.End,
            includeSimulator,
            simulatorPrefix = ConversationKey.SimulatorPrefix,
        });
        return rows.ToList();
    }
}
