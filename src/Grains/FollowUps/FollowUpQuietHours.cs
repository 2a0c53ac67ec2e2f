using Consultant.Grains.Booking;
using Consultant.Grains.Outbound;
using Dapper;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The contact's quiet hours (<c>FollowUps:QuietHoursStart</c> to <c>QuietHoursEnd</c> in their zone) applied to a
/// follow-up when it is planned, so <c>scheduled_for</c> is the time it really goes (the queue and the chat header
/// show it), again when a zone changes (<see cref="ReplanAsync"/>, from the time its rule gives) and when it falls due.
/// A reminder before a consultation that could go only once the consultation has started does not go: skipped with
/// <see cref="FollowUpReasons.QuietHoursUntilStart"/> (a moved booking schedules it again). One that quiet hours would
/// hold until the contact's 24-hour window has closed, with no template to send then, goes just before their quiet
/// hours begin if that is at most <c>FollowUps:MaxMinutesEarlier</c> early, else is skipped with
/// <see cref="FollowUpReasons.QuietHoursUntilWindowCloses"/>; with a template it waits and goes as the template.
/// </summary>
public sealed class FollowUpQuietHours(
    NpgsqlDataSource dataSource, ContactTimeZones timeZones, FollowUpRuleStore ruleStore, IOptions<FollowUpOptions> options)
{
    /// <summary>How long before quiet hours begin one moved before them goes: time for the sweep and the sender's pace.</summary>
    private static readonly TimeSpan BeforeQuietHoursBegin = TimeSpan.FromMinutes(10);

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
    /// Follow-ups just put at the time their rule gives (<see cref="DueFollowUp.ScheduledFor"/>): each placed out of the
    /// contact's quiet hours, or skipped (see the class). A row that changed meanwhile (claimed, moved, ended) is left as it is.
    /// </summary>
    public async Task PlaceAsync(IReadOnlyList<DueFollowUp> scheduled, DateTimeOffset now)
    {
        if (Off || scheduled.Count == 0)
        {
            return;
        }

        var rules = new Dictionary<Guid, FollowUpRuleSet>();
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var row in scheduled)
        {
            await PlaceAsync(connection, row, row.ScheduledFor, null, rules, now);
        }
    }

    /// <summary>
    /// A zone changed (the contact's, or the consultant's when <paramref name="contactAddress"/> is null: it is the zone
    /// of every contact without one of their own) or a rule did: the upcoming follow-ups that waited only for the time
    /// their rule gives (not for a retry or an AI switched off) are placed again from that time, or from now if it has passed.
    /// </summary>
    public async Task ReplanAsync(Guid consultantId, string? contactAddress, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var planned = (await connection.QueryAsync<PlannedFollowUp>(
            $"""
            SELECT {Returning}, coalesce(f.rule_due_at, f.scheduled_for) AS RuleDueAt, f.reason AS Reason
              FROM whatsapp_followup_reminders f
             WHERE f.consultant_id = @consultantId AND (@everyone OR f.contact_phone = @contactAddress)
               AND f.status IN ('pending', 'paused') AND f.claimed_at IS NULL AND (f.reason IS NULL OR f.reason = ANY(@planned))
            """,
            new { consultantId, everyone = contactAddress is null, contactAddress = contactAddress ?? "", planned = FollowUpReasons.Planned.ToArray() })).ToList();
        var rules = new Dictionary<Guid, FollowUpRuleSet>();
        foreach (var row in planned)
        {
            var due = row.RuleDueAt > now ? row.RuleDueAt : now;
            await PlaceAsync(connection, row.ToDue(), due, row.Reason, rules, now);
        }
    }

    /// <summary>Puts <paramref name="row"/>, due at <paramref name="due"/>, where it may go; unchanged rows are not written.</summary>
    private async Task PlaceAsync(
        NpgsqlConnection connection, DueFollowUp row, DateTimeOffset due, string? reason, Dictionary<Guid, FollowUpRuleSet> rules, DateTimeOffset now)
    {
        var (at, why) = await PlacementAsync(connection, row, due, rules, now);
        if (at == row.ScheduledFor && why == reason)
        {
            return;
        }

        // One that says why it waits (paused with the AI off, WhatsApp's marketing limit) keeps saying so; it moves all the same.
        await connection.ExecuteAsync(
            at is null
                ? "UPDATE whatsapp_followup_reminders SET status = 'skipped', reason = @why, updated_at = @now"
                  + " WHERE id = @Id AND status IN ('pending', 'paused') AND scheduled_for = @ScheduledFor AND claimed_at IS NULL"
                : "UPDATE whatsapp_followup_reminders SET scheduled_for = @at,"
                  + " reason = CASE WHEN reason IS NULL OR reason = ANY(@planned) THEN @why ELSE reason END, updated_at = @now"
                  + " WHERE id = @Id AND status IN ('pending', 'paused') AND scheduled_for = @ScheduledFor AND claimed_at IS NULL",
            new { row.Id, row.ScheduledFor, at, why, now, planned = FollowUpReasons.Planned.ToArray() });
    }

    /// <summary>When <paramref name="row"/>, due at <paramref name="due"/>, goes and why (null: not moved); no time: skipped, and why.</summary>
    private async Task<(DateTimeOffset? At, string? Reason)> PlacementAsync(
        NpgsqlConnection connection, DueFollowUp row, DateTimeOffset due, Dictionary<Guid, FollowUpRuleSet> rules, DateTimeOffset now)
    {
        if (Off)
        {
            return (due, null);
        }

        var zone = (await timeZones.GetAsync(row.ConsultantId, row.ContactPhone)).TimeZone;
        var allowed = QuietHours.NextAllowed(due, zone, Start, End);
        if (allowed == due)
        {
            return (due, null);
        }

        if (FollowUpRuleKeys.IsBefore(row.Rule) && allowed >= row.AnchorAt)
        {
            return (null, FollowUpReasons.QuietHoursUntilStart);
        }

        // A retry after WhatsApp's marketing limit waits its delay whatever the window (it went as a template).
        if (row.Retries == 0 && await WindowClosesAsync(connection, row) is { } closes && due < closes && allowed >= closes
            && (await RulesAsync(row.ConsultantId, rules))[row.Rule].Template is null)
        {
            var before = QuietHours.Began(due, zone, Start, End) - BeforeQuietHoursBegin;
            var earlier = before > now ? before : now;
            var fits = earlier >= due.AddMinutes(-options.Value.MaxMinutesEarlier) && earlier < closes
                && QuietHours.NextAllowed(earlier, zone, Start, End) == earlier;
            return fits ? (earlier, FollowUpReasons.BeforeQuietHours) : (null, FollowUpReasons.QuietHoursUntilWindowCloses);
        }

        return (allowed, FollowUpReasons.QuietHours);
    }

    /// <summary>When free text stops reaching the contact: 24 hours after their last message (none for the simulator).</summary>
    private static async Task<DateTimeOffset?> WindowClosesAsync(NpgsqlConnection connection, DueFollowUp row)
    {
        var last = await connection.ExecuteScalarAsync<DateTime?>(
            "SELECT max(created_at) FROM messages WHERE consultant_id = @ConsultantId AND contact_phone = @ContactPhone AND direction = 'inbound'",
            new { row.ConsultantId, row.ContactPhone });
        return WhatsAppWindow.ClosesAt(row.ContactPhone, last is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
    }

    private async Task<FollowUpRuleSet> RulesAsync(Guid consultantId, Dictionary<Guid, FollowUpRuleSet> rules)
    {
        if (!rules.TryGetValue(consultantId, out var set))
        {
            rules[consultantId] = set = await ruleStore.GetAsync(consultantId);
        }

        return set;
    }

    /// <summary>The columns of a scheduled row as <see cref="PlaceAsync(IReadOnlyList{DueFollowUp}, DateTimeOffset)"/> takes them (a RETURNING list; table alias <c>f</c>).</summary>
    internal const string Returning =
        """
        f.id AS Id, f.consultant_id AS ConsultantId, f.conversation_id AS ConversationId, f.contact_phone AS ContactPhone,
        f.rule AS Rule, f.anchor AS Anchor, f.anchor_at AS AnchorAt, f.scheduled_for AS ScheduledFor, f.claims AS Claims,
        f.retries AS Retries
        """;

    /// <summary>An upcoming follow-up with the time its rule gives and why it waits, as a re-plan reads it.</summary>
    internal sealed record PlannedFollowUp(
        Guid Id, Guid ConsultantId, Guid ConversationId, string ContactPhone, string Rule, Guid Anchor, DateTimeOffset AnchorAt,
        DateTimeOffset ScheduledFor, int Claims, int Retries, DateTimeOffset RuleDueAt, string? Reason)
    {
        public DueFollowUp ToDue() => new(Id, ConsultantId, ConversationId, ContactPhone, Rule, Anchor, AnchorAt, ScheduledFor, Claims, Retries);
    }
}
