using Consultant.Grains.Booking;
using Dapper;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The contact's quiet hours (<c>FollowUps:QuietHoursStart</c> to <c>QuietHoursEnd</c> in their zone) applied to a
/// follow-up when it is scheduled, so <c>scheduled_for</c> is the time it really goes (the queue and the chat header
/// show it), and again when it falls due (their zone may have changed since). A reminder before a consultation that
/// could go only once the consultation has started does not go: skipped with
/// <see cref="FollowUpReasons.QuietHoursUntilStart"/> (a moved booking schedules it again).
/// </summary>
public sealed class FollowUpQuietHours(NpgsqlDataSource dataSource, ContactTimeZones timeZones, IOptions<FollowUpOptions> options)
{
    private LocalTime Start => QuietHours.Parse(options.Value.QuietHoursStart);

    private LocalTime End => QuietHours.Parse(options.Value.QuietHoursEnd);

    private bool Off => Start == End;

    /// <summary>
    /// When a follow-up due at <paramref name="due"/> may go to the contact: <paramref name="due"/> itself outside their
    /// quiet hours, else the end of them; null for a reminder before a consultation starting at
    /// <paramref name="startsAt"/> that would go only once it started.
    /// </summary>
    public async Task<DateTimeOffset?> AllowedAsync(Guid consultantId, string phone, string rule, DateTimeOffset due, DateTimeOffset? startsAt)
    {
        if (Off)
        {
            return due;
        }

        var allowed = QuietHours.NextAllowed(due, (await timeZones.GetAsync(consultantId, phone)).TimeZone, Start, End);
        return allowed > due && FollowUpRuleKeys.IsBefore(rule) && allowed >= startsAt ? null : allowed;
    }

    /// <summary>
    /// Follow-ups just put at the time their rule gives (<see cref="DueFollowUp.ScheduledFor"/>): each moved out of the
    /// contact's quiet hours, or skipped when it is a reminder that would then go after its consultation started (its
    /// <see cref="DueFollowUp.AnchorAt"/>). A row that changed meanwhile (claimed, moved, ended) is left as it is.
    /// </summary>
    public async Task PlaceAsync(IReadOnlyList<DueFollowUp> scheduled, DateTimeOffset now)
    {
        if (Off || scheduled.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var row in scheduled)
        {
            var startsAt = FollowUpRuleKeys.IsBefore(row.Rule) ? row.AnchorAt : (DateTimeOffset?)null;
            var allowed = await AllowedAsync(row.ConsultantId, row.ContactPhone, row.Rule, row.ScheduledFor, startsAt);
            if (allowed == row.ScheduledFor)
            {
                continue;
            }

            // One that says why it waits (paused with the AI off, WhatsApp's marketing limit) keeps saying so; it moves all the same.
            await connection.ExecuteAsync(
                allowed is null
                    ? "UPDATE whatsapp_followup_reminders SET status = 'skipped', reason = @skipped, updated_at = @now"
                      + " WHERE id = @Id AND status IN ('pending', 'paused') AND scheduled_for = @ScheduledFor AND claimed_at IS NULL"
                    : "UPDATE whatsapp_followup_reminders SET scheduled_for = @allowed,"
                      + " reason = coalesce(reason, @moved), updated_at = @now"
                      + " WHERE id = @Id AND status IN ('pending', 'paused') AND scheduled_for = @ScheduledFor AND claimed_at IS NULL",
                new
                {
                    row.Id, row.ScheduledFor, allowed, now,
                    skipped = FollowUpReasons.QuietHoursUntilStart, moved = FollowUpReasons.QuietHours,
                });
        }
    }

    /// <summary>The columns of a scheduled row as <see cref="PlaceAsync"/> takes them (a RETURNING list; table alias <c>f</c>).</summary>
    internal const string Returning =
        """
        f.id AS Id, f.consultant_id AS ConsultantId, f.conversation_id AS ConversationId, f.contact_phone AS ContactPhone,
        f.rule AS Rule, f.anchor AS Anchor, f.anchor_at AS AnchorAt, f.scheduled_for AS ScheduledFor, f.claims AS Claims,
        f.retries AS Retries
        """;
}
