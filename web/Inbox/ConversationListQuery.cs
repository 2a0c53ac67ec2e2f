using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;

namespace Consultant.Web.Inbox;

/// <summary>What the Conversations page's list asks for: the filter (a toggle or a link's), its period, the search.</summary>
internal sealed class ConversationListQuery
{
    private (string?, string?) appliedLink;

    public ConversationFilter Filter { get; private set; } = ConversationFilter.All;

    /// <summary>With the Overview's filters: today or this week.</summary>
    public CalendarPeriod Period { get; private set; }

    /// <summary>The period in the consultant's time zone, or null for all time.</summary>
    public TimeRange? Range { get; private set; }

    public string Search { get; set; } = string.Empty;

    /// <summary>A toggle chose the filter: no period.</summary>
    public void SetFilter(ConversationFilter filter) => (Filter, Period, Range) = (filter, default, null);

    /// <summary>Takes the filter of a link once (opening a chat keeps it); true when it changed.</summary>
    public async Task<bool> ApplyLinkAsync(string? filterQuery, string? periodQuery, Func<CalendarPeriod, Task<TimeRange?>> rangeOf)
    {
        if (filterQuery is null || appliedLink == (filterQuery, periodQuery))
        {
            return false;
        }

        appliedLink = (filterQuery, periodQuery);
        Filter = Enum.TryParse<ConversationFilter>(filterQuery, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : ConversationFilter.All;
        Period = CalendarPeriodNames.TryParse(periodQuery, out var parsedPeriod) ? parsedPeriod : default;
        Range = await rangeOf(Period);
        return true;
    }

    /// <summary>
    /// Whether a conversation that changed live belongs in the list, by the list query's own rule; the open one stays
    /// under Unread and Needs reply once read or answered.
    /// </summary>
    public bool Keeps(ConversationView conversation, Guid? openId) =>
        (ConversationSearch.InFilter(conversation, Filter)
         || (conversation.Id == openId && Filter is ConversationFilter.Unread or ConversationFilter.NeedsReply))
        && ConversationSearch.Matches(conversation, Search);
}
