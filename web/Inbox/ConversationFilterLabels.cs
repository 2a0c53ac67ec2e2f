using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;

namespace Consultant.Web.Inbox;

/// <summary>How the Conversations page names the filters the Overview links to (the others have their toggle).</summary>
internal static class ConversationFilterLabels
{
    /// <summary>The label of a filter without a toggle, or null.</summary>
    public static string? FromOverview(ConversationFilter filter, CalendarPeriod period)
    {
        var when = period switch
        {
            CalendarPeriod.Today => " today",
            CalendarPeriod.ThisWeek => " this week",
            _ => string.Empty,
        };
        return filter switch
        {
            ConversationFilter.NeedsReply => "Needs reply",
            ConversationFilter.NewLeads => "New leads" + when,
            ConversationFilter.Active => "With messages" + when,
            ConversationFilter.Failed => "Failed sends" + when,
            _ => null,
        };
    }

    /// <summary>Filters decided by the times of a conversation's messages: the list asks the database again on each event.</summary>
    public static bool JudgedByMessages(ConversationFilter filter) =>
        filter is ConversationFilter.NewLeads or ConversationFilter.Active or ConversationFilter.Failed;

    /// <summary>The Conversations page showing <paramref name="filter"/> (and <paramref name="period"/>).</summary>
    public static string Link(ConversationFilter filter, CalendarPeriod period = CalendarPeriod.Any)
    {
        var name = char.ToLowerInvariant(filter.ToString()[0]) + filter.ToString()[1..];
        return CalendarPeriodNames.Name(period) is { } periodName
            ? $"/conversations?filter={name}&period={periodName}"
            : $"/conversations?filter={name}";
    }
}
