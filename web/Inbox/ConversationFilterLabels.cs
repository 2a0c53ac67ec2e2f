using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Inbox;

/// <summary>How the Conversations page names the filters the Overview links to (the others have their toggle).</summary>
internal static class ConversationFilterLabels
{
    /// <summary>The label of a filter without a toggle, or null; each label whole, so a language can order its words.</summary>
    public static string? FromOverview(ConversationFilter filter, CalendarPeriod period, IStringLocalizer<InboxText> L) => (filter, period) switch
    {
        (ConversationFilter.NeedsReply, _) => L["Needs reply"],
        (ConversationFilter.NewLeads, CalendarPeriod.Today) => L["New leads today"],
        (ConversationFilter.NewLeads, CalendarPeriod.ThisWeek) => L["New leads this week"],
        (ConversationFilter.NewLeads, _) => L["New leads"],
        (ConversationFilter.Active, CalendarPeriod.Today) => L["With messages today"],
        (ConversationFilter.Active, CalendarPeriod.ThisWeek) => L["With messages this week"],
        (ConversationFilter.Active, _) => L["With messages"],
        (ConversationFilter.Failed, CalendarPeriod.Today) => L["Failed sends today"],
        (ConversationFilter.Failed, CalendarPeriod.ThisWeek) => L["Failed sends this week"],
        (ConversationFilter.Failed, _) => L["Failed sends"],
        _ => (string?)null,
    };

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
