using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Messages;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// Replies to automation, from the one definition in the <c>automation_replies</c> view (migration 0023): the first
/// inbound message within 72 hours after an automated message that was sent (follow-up, broadcast, flow) is the reply
/// to the latest such message before it. The Analytics page, the Follow-ups page and broadcasts report their reply
/// rates from here; rates per origin and per follow-up rule come from one query (<see cref="CountsAsync"/>). Every
/// query names its consultant; simulator conversations are left out unless asked for.
/// </summary>
public sealed class AutomationReplies(NpgsqlDataSource dataSource)
{
    /// <summary>Per origin: automated messages sent within <paramref name="range"/>, and how many of them got a reply.</summary>
    public async Task<IReadOnlyList<AutomationReplyRate>> RatesAsync(Guid consultantId, TimeRange range, bool includeSimulator = false) =>
        ByOrigin(await CountsAsync(consultantId, range, includeSimulator));

    /// <summary>
    /// Per follow-up rule: its follow-ups sent within <paramref name="range"/> and how many got a reply; only rules
    /// with at least one, most sent first.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpReplyRate>> FollowUpRatesAsync(Guid consultantId, TimeRange range, bool includeSimulator = false) =>
        ByRule(await CountsAsync(consultantId, range, includeSimulator));

    /// <summary>Both at once, from one reading of the view (the Analytics page's section).</summary>
    public async Task<(IReadOnlyList<AutomationReplyRate> Origins, IReadOnlyList<FollowUpReplyRate> FollowUpRules)> AllRatesAsync(
        Guid consultantId, TimeRange range, bool includeSimulator)
    {
        var counts = await CountsAsync(consultantId, range, includeSimulator);
        return (ByOrigin(counts), ByRule(counts));
    }

    /// <summary>The reply each of these automated messages got (its id and time), or none; other ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, (Guid ReplyId, DateTimeOffset RepliedAt)?>> RepliesToAsync(
        Guid consultantId, IReadOnlyCollection<Guid> automatedMessageIds)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid Id, Guid? ReplyId, DateTimeOffset? RepliedAt)>(
            """
            SELECT automated_message_id, reply_message_id, replied_at FROM automation_replies
             WHERE consultant_id = @consultantId AND automated_message_id = ANY(@ids)
            """,
            new { consultantId, ids = automatedMessageIds.ToArray() });
        return rows.ToDictionary(
            row => row.Id,
            row => row.ReplyId is { } replyId ? ((Guid, DateTimeOffset)?)(replyId, row.RepliedAt!.Value) : null);
    }

    /// <summary>
    /// Automated messages sent within the range and their replies, by origin and, for follow-ups, by the rule of the
    /// follow-up that sent the message (none for a message no follow-up row names any more).
    /// </summary>
    private async Task<IReadOnlyList<(string Origin, string? Rule, int Sent, int Replied)>> CountsAsync(
        Guid consultantId, TimeRange range, bool includeSimulator)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(string Origin, string? Rule, int Sent, int Replied)>(
            """
            SELECT a.origin, f.rule, count(*)::int, count(a.reply_message_id)::int
              FROM automation_replies a
              LEFT JOIN whatsapp_followup_reminders f ON f.consultant_id = @consultantId AND f.message_id = a.automated_message_id
             WHERE a.consultant_id = @consultantId AND a.automated_at >= @start AND a.automated_at < @end
               AND (@includeSimulator OR NOT starts_with(a.contact_phone, @simulatorPrefix))
             GROUP BY a.origin, f.rule
            """,
            new { consultantId, start = range.Start, end = range.End, includeSimulator, simulatorPrefix = ConversationKey.SimulatorPrefix })).ToList();
    }

    private static List<AutomationReplyRate> ByOrigin(IReadOnlyList<(string Origin, string? Rule, int Sent, int Replied)> counts) =>
        MessageOrigin.Automated
            .Select(origin =>
            {
                var (sent, replied) = (counts.Where(row => row.Origin == origin).Sum(row => row.Sent), counts.Where(row => row.Origin == origin).Sum(row => row.Replied));
                return new AutomationReplyRate(origin, sent, replied, Rate(sent, replied));
            })
            .ToList();

    private static List<FollowUpReplyRate> ByRule(IReadOnlyList<(string Origin, string? Rule, int Sent, int Replied)> counts) =>
        counts.Where(row => row.Origin == MessageOrigin.FollowUp && row.Rule is not null)
            .Select(row => new FollowUpReplyRate(row.Rule!, row.Sent, row.Replied, Rate(row.Sent, row.Replied)))
            .OrderByDescending(rate => rate.Sent).ThenBy(rate => rate.Rule, StringComparer.Ordinal)
            .ToList();

    private static double? Rate(int sent, int replied) => sent == 0 ? null : (double)replied / sent;
}
