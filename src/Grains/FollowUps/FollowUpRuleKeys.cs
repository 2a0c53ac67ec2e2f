namespace Consultant.Grains.FollowUps;

/// <summary>
/// The six follow-up rules a consultant has. Silence rules (lead and client nudges) are anchored on the contact's last
/// inbound message; consultation rules on a booking.
/// </summary>
public static class FollowUpRuleKeys
{
    /// <summary>A lead silent after our answer: a nudge while the 24-hour window is still open (default 23 h).</summary>
    public const string Lead24h = "lead_24h";

    /// <summary>A lead still silent (default 48 h): outside the window, so only with a template.</summary>
    public const string Lead48h = "lead_48h";

    /// <summary>A client silent for a week: a check-in (template needed).</summary>
    public const string Client7d = "client_7d";

    /// <summary>After a consultation ended (default 24 h after its end).</summary>
    public const string AfterConsultation = "after_consultation";

    /// <summary>Before a booked consultation (default 24 h before its start).</summary>
    public const string Before24h = "before_24h";

    /// <summary>Before a booked consultation (default 1 h before its start).</summary>
    public const string Before1h = "before_1h";

    public static readonly IReadOnlyList<string> All = [Lead24h, Lead48h, Client7d, AfterConsultation, Before24h, Before1h];

    public static readonly IReadOnlyList<string> LeadNudges = [Lead24h, Lead48h];

    public static readonly IReadOnlyList<string> Silence = [Lead24h, Lead48h, Client7d];

    public static readonly IReadOnlyList<string> Consultation = [AfterConsultation, Before24h, Before1h];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key);

    /// <summary>Anchored on a booking: {date}, {time} and {link} mean its current start and meeting link.</summary>
    public static bool IsConsultation(string key) => Consultation.Contains(key);

    /// <summary>Sent before the anchor (the consultation's start) rather than after it.</summary>
    public static bool IsBefore(string key) => key is Before24h or Before1h;
}
