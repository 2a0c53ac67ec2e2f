namespace Consultant.Grains.Inbox;

/// <summary>
/// The SQL conditions on a conversation row <c>c</c> that the Overview counts and the Conversations list filters
/// by, written once so a number on the Overview and the list it links to always agree. Those taking a period use
/// the parameters <c>@from</c> and <c>@to</c> (from included, to excluded). The dashboard decides the filters on a
/// row's own fields for a conversation that changed live by <see cref="ConversationSearch.InFilter"/>: change both.
/// </summary>
internal static class ConversationPredicates
{
    public const string NeedsReply = "c.needs_reply";

    public const string Unread = "c.unread_count > 0";

    public const string Leads = "c.is_lead";

    public const string Clients = "NOT c.is_lead";

    /// <summary>A contact who was a lead when they first wrote (maybe a client since), and first wrote within the period.</summary>
    public const string NewLead =
        """
        (c.is_lead OR c.lead_converted_at IS NOT NULL)
        AND tstzrange(@from, @to) @> (SELECT min(m.created_at) FROM messages m WHERE m.consultant_id = c.consultant_id AND m.contact_phone = c.contact_phone)
        """;

    /// <summary>A message in or out within the period.</summary>
    public const string Active =
        """
        EXISTS (SELECT 1 FROM messages m WHERE m.consultant_id = c.consultant_id AND m.contact_phone = c.contact_phone
                AND m.created_at >= @from AND m.created_at < @to)
        """;

    /// <summary>A message of ours, written within the period, that could not be sent or delivered.</summary>
    public const string FailedSend =
        $"""
        EXISTS (SELECT 1 FROM messages m WHERE m.consultant_id = c.consultant_id AND m.contact_phone = c.contact_phone
                AND {FailedMessage} AND m.created_at >= @from AND m.created_at < @to)
        """;

    /// <summary>On a message row <c>m</c>: ours, and not sent or not delivered (a try that is tried again is not a failure yet).</summary>
    public const string FailedMessage = "m.direction = 'outbound' AND m.status IN ('failed', 'undelivered') AND m.retry_at IS NULL";

    /// <summary>The condition of <paramref name="filter"/>, or null for all conversations.</summary>
    public static string? For(ConversationFilter filter) => filter switch
    {
        ConversationFilter.Leads => Leads,
        ConversationFilter.Clients => Clients,
        ConversationFilter.Unread => Unread,
        ConversationFilter.NeedsReply => NeedsReply,
        ConversationFilter.NewLeads => NewLead,
        ConversationFilter.Active => Active,
        ConversationFilter.Failed => FailedSend,
        _ => null,
    };
}
