using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Inbox;

/// <summary>The Overview's numbers for one consultant, in one statement, with the same conditions the list filters use.</summary>
public sealed class OverviewQueries(NpgsqlDataSource dataSource)
{
    private static readonly string Sql =
        $"""
        SELECT
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {ConversationPredicates.NeedsReply}) AS NeedsReply,
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {ConversationPredicates.Unread}) AS Unread,
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {Period(ConversationPredicates.NewLead, "today")}) AS NewLeadsToday,
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {Period(ConversationPredicates.NewLead, "week")}) AS NewLeadsThisWeek,
          (SELECT count(*)::int FROM messages m WHERE m.consultant_id = @consultantId
              AND m.created_at >= @todayFrom AND m.created_at < @todayTo) AS MessagesToday,
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {Period(ConversationPredicates.Active, "today")}) AS ConversationsToday,
          (SELECT count(*)::int FROM messages m WHERE m.consultant_id = @consultantId AND {ConversationPredicates.FailedMessage}
              AND m.created_at >= @weekFrom AND m.created_at < @weekTo) AS FailedThisWeek,
          (SELECT count(*)::int FROM conversations c WHERE c.consultant_id = @consultantId AND {Period(ConversationPredicates.NewLead, "week")}
              AND starts_with(c.contact_phone, @simulatorPrefix)) AS SimulatorNewLeadsThisWeek
        """;

    public async Task<OverviewCounts> CountAsync(Guid consultantId, ConsultantCalendar calendar)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<OverviewCounts>(Sql, new
        {
            consultantId,
            todayFrom = calendar.Today.Start,
            todayTo = calendar.Today.End,
            weekFrom = calendar.ThisWeek.Start,
            weekTo = calendar.ThisWeek.End,
            simulatorPrefix = ConversationKey.SimulatorPrefix,
        });
    }

    /// <summary>A period condition with its own parameters (<c>@todayFrom</c>…), so both periods fit in one statement.</summary>
    private static string Period(string predicate, string period) =>
        Regex.Replace(predicate, @"@(from|to)\b", match => $"@{period}{(match.Groups[1].Value == "from" ? "From" : "To")}");
}
