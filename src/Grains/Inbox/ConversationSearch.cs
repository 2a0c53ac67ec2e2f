using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Grains.Inbox;

/// <summary>
/// Which conversations a search and a filter keep: the list query (<see cref="ConversationRepository.ListAsync"/>)
/// asks the database by this rule, and the dashboard applies the same rule to a conversation that changed live.
/// </summary>
public static class ConversationSearch
{
    /// <summary>The text a name must contain, or null when nothing is searched.</summary>
    public static string? NameText(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();

    /// <summary>
    /// A search that looks like a number is searched as digits, however it is typed ("+55 11 9876" finds +55119876...,
    /// "0039 347…" and "347…" find +39347…), as the clients list searches: the runs of digits a number may contain, or
    /// none when it is a name (<see cref="PhoneSearch.StoredDigits"/>).
    /// </summary>
    public static IReadOnlyList<string> NumberDigits(string? search) => PhoneSearch.StoredDigits(search);

    /// <summary>The name contains the search, or the number one of its runs of digits; no search keeps every conversation.</summary>
    public static bool Matches(ConversationView conversation, string? search)
    {
        if (NameText(search) is not { } name)
        {
            return true;
        }

        return (conversation.DisplayName?.Contains(name, StringComparison.OrdinalIgnoreCase) ?? false)
               || PhoneSearch.Matches(conversation.ContactPhone, search);
    }

    /// <summary>
    /// The filters a conversation's own fields decide (as <c>ConversationPredicates</c> asks the database); those
    /// about its messages' times (new leads, active, failed) only the database can decide: true here.
    /// </summary>
    public static bool InFilter(ConversationView conversation, ConversationFilter filter) => filter switch
    {
        ConversationFilter.Leads => conversation.IsLead,
        ConversationFilter.Clients => !conversation.IsLead,
        ConversationFilter.Unread => conversation.UnreadCount > 0,
        ConversationFilter.NeedsReply => conversation.NeedsReply,
        _ => true,
    };
}
