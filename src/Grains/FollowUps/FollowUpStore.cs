using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// <c>whatsapp_followup_reminders</c>: the page's queries and the changes the service, the hook and the sweep make.
/// Every query of a consultant's rows names the consultant; the sweep's claim is the only cross-consultant one.
/// </summary>
public sealed class FollowUpStore(NpgsqlDataSource dataSource, FollowUpQuietHours quietHours)
{
    internal const string Columns =
        """
        r.id AS Id, r.conversation_id AS ConversationId, r.contact_phone AS ContactPhone,
        coalesce(k.name, c.display_name) AS ContactName, r.rule AS Rule, r.anchor::text AS Anchor, r.anchor_at AS AnchorAt,
        r.scheduled_for AS ScheduledFor, r.status AS Status, r.reason AS Reason, r.sent_at AS SentAt, r.message_id AS MessageId,
        r.received_reply AS ReceivedReply, r.replied_at AS RepliedAt, r.created_at AS CreatedAt
        """;

    internal const string From =
        """
        whatsapp_followup_reminders r
          LEFT JOIN conversations c ON c.consultant_id = r.consultant_id AND c.contact_phone = r.contact_phone
          LEFT JOIN clients k ON k.id = c.client_id AND k.consultant_id = r.consultant_id
        """;

    public async Task<(IReadOnlyList<FollowUp> Items, int Total)> ListAsync(
        Guid consultantId, IReadOnlyList<string> statuses, bool soonestFirst, int offset, int limit, bool repliedOnly = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // One snapshot for the page and its total: a follow-up queued between two statements gave a total of 1 with no item.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var order = soonestFirst ? "r.scheduled_for, r.id" : "coalesce(r.sent_at, r.updated_at) DESC, r.id";
        var items = (await connection.QueryAsync<FollowUp>(
            $"SELECT {Columns} FROM {From} WHERE r.consultant_id = @consultantId AND r.status = ANY(@statuses) AND (NOT @repliedOnly OR r.received_reply) ORDER BY {order} OFFSET @offset LIMIT @limit",
            new { consultantId, statuses = statuses.ToArray(), offset, limit, repliedOnly }, transaction)).ToList();
        var total = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM whatsapp_followup_reminders WHERE consultant_id = @consultantId AND status = ANY(@statuses) AND (NOT @repliedOnly OR received_reply)",
            new { consultantId, statuses = statuses.ToArray(), repliedOnly }, transaction);
        await transaction.CommitAsync();
        return (items, total);
    }

    /// <summary>The history's follow-ups by status, and the sent ones that got a reply under <paramref name="replied"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> HistoryCountsAsync(Guid consultantId, IReadOnlyList<string> statuses, string replied)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Status, int Count, int Replied)>(
            """
            SELECT status, count(*)::int, count(*) FILTER (WHERE received_reply)::int
              FROM whatsapp_followup_reminders WHERE consultant_id = @consultantId AND status = ANY(@statuses)
             GROUP BY status
            """,
            new { consultantId, statuses = statuses.ToArray() })).ToList();
        var counts = statuses.ToDictionary(status => status, status => rows.Where(row => row.Status == status).Sum(row => row.Count));
        counts[replied] = rows.Sum(row => row.Replied);
        return counts;
    }

    public async Task<FollowUp?> FindAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<FollowUp>(
            $"SELECT {Columns} FROM {From} WHERE r.consultant_id = @consultantId AND r.id = @id", new { consultantId, id });
    }

    /// <summary>Cancels it if it is still upcoming; null when it was not.</summary>
    public async Task<FollowUp?> CancelAsync(Guid consultantId, Guid id, string reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var done = await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders SET status = 'cancelled', reason = @reason, updated_at = @now
             WHERE consultant_id = @consultantId AND id = @id AND status IN ('pending', 'paused')
            """,
            new { consultantId, id, reason, now });
        return done == 0 ? null : await FindAsync(consultantId, id);
    }

    public async Task<FollowUp?> NextForConversationAsync(Guid consultantId, Guid conversationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QueryFirstOrDefaultAsync<FollowUp>(
            $"""
            SELECT {Columns} FROM {From}
             WHERE r.consultant_id = @consultantId AND r.conversation_id = @conversationId AND r.status IN ('pending', 'paused')
             ORDER BY r.scheduled_for LIMIT 1
            """,
            new { consultantId, conversationId });
    }

    /// <summary>Per rule, follow-ups sent in the range and how many got a reply (<c>received_reply</c>, set from the one definition).</summary>
    public async Task<IReadOnlyList<FollowUpReplyRate>> ReplyRatesAsync(Guid consultantId, TimeRange range)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Rule, int Sent, int Replied)>(
                """
                SELECT rule, count(*)::int, count(*) FILTER (WHERE received_reply)::int
                  FROM whatsapp_followup_reminders
                 WHERE consultant_id = @consultantId AND status = 'sent' AND sent_at >= @start AND sent_at < @end
                 GROUP BY rule
                """,
                new { consultantId, start = range.Start, end = range.End }))
            .ToDictionary(row => row.Rule);
        return FollowUpRuleKeys.All
            .Select(rule => rows.TryGetValue(rule, out var row)
                ? new FollowUpReplyRate(rule, row.Sent, row.Replied, row.Sent == 0 ? null : (double)row.Replied / row.Sent)
                : new FollowUpReplyRate(rule, 0, 0, null))
            .ToList();
    }

    /// <summary>
    /// After the rules were saved: upcoming follow-ups of a rule switched off are cancelled, silence ones follow the new
    /// delay, and every upcoming one is placed again (quiet hours, and whether its rule now has a template for a closed
    /// window: <see cref="FollowUpQuietHours.ReplanAsync"/>); consultation reminders follow a new delay at the next sync.
    /// </summary>
    public async Task ApplyRulesAsync(Guid consultantId, FollowUpRuleSet rules, DateTimeOffset now)
    {
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            var off = rules.Rules.Where(rule => !rule.Enabled).Select(rule => rule.Key).ToArray();
            await connection.ExecuteAsync(
                """
                UPDATE whatsapp_followup_reminders SET status = 'cancelled', reason = @reason, updated_at = @now
                 WHERE consultant_id = @consultantId AND status IN ('pending', 'paused') AND rule = ANY(@off)
                """,
                new { consultantId, off, reason = FollowUpReasons.RuleOff, now });
            foreach (var rule in rules.Rules.Where(rule => rule.Enabled && FollowUpRuleKeys.Silence.Contains(rule.Key)))
            {
                await connection.ExecuteAsync(
                    """
                    UPDATE whatsapp_followup_reminders
                       SET rule_due_at = anchor_at + make_interval(mins => @DelayMinutes), updated_at = @now
                     WHERE consultant_id = @consultantId AND status IN ('pending', 'paused') AND rule = @Key
                       AND (reason IS NULL OR reason = ANY(@planned))
                       AND coalesce(rule_due_at, scheduled_for) <> anchor_at + make_interval(mins => @DelayMinutes)
                    """,
                    new { consultantId, rule.Key, rule.DelayMinutes, now, planned = FollowUpReasons.Planned.ToArray() });
            }
        }

        await quietHours.ReplanAsync(consultantId, null, now);
    }

    /// <summary>The conversation as a follow-up needs it, by its id.</summary>
    public async Task<FollowUpContact?> ContactAsync(Guid consultantId, Guid conversationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<FollowUpContact>(
            $"{ContactQuery} AND c.id = @conversationId", new { consultantId, conversationId });
    }

    /// <summary>The conversation as a follow-up needs it, by its address.</summary>
    public async Task<FollowUpContact?> ContactAsync(Guid consultantId, string phone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<FollowUpContact>(
            $"{ContactQuery} AND c.contact_phone = @phone", new { consultantId, phone });
    }

    private const string ContactQuery =
        $"""
        SELECT c.id AS ConversationId, c.contact_phone AS Phone, coalesce(k.name, c.display_name, '') AS Name, c.is_lead AS IsLead,
               c.client_id AS ClientId, k.language AS ClientLanguage, c.ai_enabled AS AiEnabled, c.opted_out AS OptedOut,
               c.last_inbound_at AS LastInboundAt,
               (SELECT max(o.created_at) FROM messages o
                 WHERE o.consultant_id = c.consultant_id AND o.contact_phone = c.contact_phone AND {FollowUpReplyHold.OurAnswer}) AS LastAnsweredAt,
               c.needs_reply AS NeedsReply
          FROM conversations c LEFT JOIN clients k ON k.id = c.client_id AND k.consultant_id = c.consultant_id
         WHERE c.consultant_id = @consultantId
        """;
}
