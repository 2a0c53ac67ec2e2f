using Consultant.TestSupport;

namespace Consultant.Browser.Tests;

/// <summary>Follow-ups of a conversation written as the engine records them, for the Follow-ups page tests.</summary>
internal static class PlannedFollowUps
{
    /// <summary>Due <paramref name="dueIn"/> from now (or sent then, for a sent one).</summary>
    public static Task PlanAsync(string connectionString, Guid conversationId, string rule, string status, TimeSpan dueIn,
        string? reason = null, bool replied = false)
    {
        var sent = status == "sent" ? "now() + interval '" + (int)dueIn.TotalMinutes + " minutes'" : "NULL";
        return Db.ExecuteAsync(connectionString, $"""
            INSERT INTO whatsapp_followup_reminders
                (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, status, reason, sent_at,
                 received_reply, created_at, updated_at)
            SELECT gen_random_uuid(), consultant_id, id, contact_phone, '{rule}', gen_random_uuid(), now(),
                   now() + interval '{(int)dueIn.TotalMinutes} minutes', '{status}', {(reason is null ? "NULL" : "'" + reason.Replace("'", "''") + "'")},
                   {sent}, {(replied ? "true" : "false")}, now(), now()
              FROM conversations WHERE id = '{conversationId}'
            """);
    }
}
