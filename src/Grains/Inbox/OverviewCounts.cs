namespace Consultant.Grains.Inbox;

/// <summary>
/// What the Overview shows, "today" and "this week" being the consultant's own (their time zone, weeks from Monday).
/// Each count of conversations matches a filter of the Conversations list (<see cref="ConversationFilter"/>).
/// </summary>
/// <param name="NeedsReply">Conversations waiting for the consultant.</param>
/// <param name="Unread">Conversations with unread messages.</param>
/// <param name="NewLeadsToday">Leads who first wrote today.</param>
/// <param name="NewLeadsThisWeek">Leads who first wrote this week.</param>
/// <param name="MessagesToday">Messages in and out today.</param>
/// <param name="ConversationsToday">Conversations with a message today.</param>
/// <param name="FailedThisWeek">Our messages written this week that could not be sent or delivered.</param>
/// <param name="SimulatorNewLeadsThisWeek">
/// Of <paramref name="NewLeadsThisWeek"/>, the simulator's: counted like the list counts them, and said on the Overview
/// because Analytics leaves them out unless asked.
/// </param>
public sealed record OverviewCounts(
    int NeedsReply, int Unread, int NewLeadsToday, int NewLeadsThisWeek, int MessagesToday, int ConversationsToday, int FailedThisWeek,
    int SimulatorNewLeadsThisWeek = 0);
