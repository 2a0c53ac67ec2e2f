using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Messages;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// Replies to automation, from the one definition in the <c>automation_replies</c> view (migration 0023): the first
/// inbound message within 72 hours after an automated message that was sent (follow-up, broadcast, flow) is the reply
/// to the latest such message before it. Follow-ups and broadcasts report their reply rates from here. Every query
/// names its consultant; simulator conversations are left out unless asked for.
/// </summary>
public sealed class AutomationReplies(NpgsqlDataSource dataSource)
{
    /// <summary>Per origin: automated messages sent within <paramref name="range"/>, and how many of them got a reply.</summary>
    public async Task<IReadOnlyList<AutomationReplyRate>> RatesAsync(Guid consultantId, TimeRange range, bool includeSimulator = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Origin, int Sent, int Replied)>(
            """
            SELECT origin, count(*)::int, count(reply_message_id)::int
              FROM automation_replies
             WHERE consultant_id = @consultantId AND automated_at >= @start AND automated_at < @end
               AND (@includeSimulator OR NOT starts_with(contact_phone, @simulatorPrefix))
             GROUP BY origin
            """,
            new { consultantId, start = range.Start, end = range.End, includeSimulator, simulatorPrefix = ConversationKey.SimulatorPrefix }))
            .ToDictionary(row => row.Origin);
        return MessageOrigin.Automated
            .Select(origin => rows.TryGetValue(origin, out var row)
                ? new AutomationReplyRate(origin, row.Sent, row.Replied, row.Sent == 0 ? null : (double)row.Replied / row.Sent)
                : new AutomationReplyRate(origin, 0, 0, null))
            .ToList();
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
}
