using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.FollowUps;

/// <summary>Configuration section <c>FollowUps</c>.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>How often the sweep looks for due follow-ups while its grain is active (the reminder wakes it every minute).</summary>
    [Range(1, 60)]
    public int SweepSeconds { get; set; } = 10;

    /// <summary>Quiet hours in the contact's zone, "HH:mm": nothing is sent from <see cref="QuietHoursStart"/> to <see cref="QuietHoursEnd"/>.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string QuietHoursStart { get; set; } = "21:00";

    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string QuietHoursEnd { get; set; } = "09:00";

    /// <summary>
    /// How much earlier than its rule's time a follow-up may go when the contact's quiet hours would hold it until the
    /// 24-hour window has closed and its rule has no template: it then goes just before their quiet hours begin, as free
    /// text, if that is at most this much earlier; otherwise it is skipped with that reason. 0: never earlier.
    /// </summary>
    [Range(0, 720)]
    public int MaxMinutesEarlier { get; set; } = 180;

    /// <summary>Follow-ups sent at once by one sweep (across conversations).</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 16;
}
