namespace Consultant.Grains.Inbox;

public enum ConversationFilter
{
    All,
    Leads,
    Clients,
    Unread,
    NeedsReply,

    /// <summary>Leads who first wrote within the period.</summary>
    NewLeads,

    /// <summary>A message in or out within the period.</summary>
    Active,

    /// <summary>A message of ours within the period could not be sent or delivered.</summary>
    Failed,
}
