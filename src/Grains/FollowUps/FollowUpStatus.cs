namespace Consultant.Grains.FollowUps;

/// <summary>Where one follow-up stands (<c>whatsapp_followup_reminders.status</c>).</summary>
public static class FollowUpStatus
{
    /// <summary>Waiting for its time.</summary>
    public const string Pending = "pending";

    /// <summary>
    /// Held, not lost: the consultant turned the AI off for the conversation (until it is on again), or a silence nudge
    /// waits for the consultant's reply the conversation needs (<see cref="FollowUpReasons.NeedsReply"/>; planned again from it).
    /// </summary>
    public const string Paused = "paused";

    public const string Sent = "sent";

    /// <summary>No longer wanted: the contact wrote, booked, wrote STOP, the booking was cancelled, or by hand.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Its time came but it could not go (window closed without a template, …): <c>reason</c> says why.</summary>
    public const string Skipped = "skipped";

    /// <summary>Tried and refused (Twilio, WhatsApp): <c>reason</c> says why.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Paused, Sent, Cancelled, Skipped, Failed];

    /// <summary>Still to go out: the upcoming queue, and what "cancel" applies to.</summary>
    public static readonly IReadOnlyList<string> Upcoming = [Pending, Paused];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);
}
