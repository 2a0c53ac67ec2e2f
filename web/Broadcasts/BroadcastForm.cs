using System.Globalization;
using Consultant.Grains.Broadcasts;
using Consultant.Web.Localization;

namespace Consultant.Web.Broadcasts;

/// <summary>
/// A new broadcast as the composer edits it: the tags as one comma-separated line, free text or one of the
/// consultant's templates with a value per placeholder, and an optional start typed in the consultant's time zone.
/// Nothing is checked here: the service checks on create and its errors name the field.
/// </summary>
public sealed class BroadcastForm
{
    public string? Name { get; set; }

    public string Group { get; set; } = BroadcastAudience.All;

    public string? Tags { get; set; }

    public bool UseTemplate { get; set; }

    /// <summary>Starts as the greeting in the dashboard's language ("Hi {name}, ", "Ciao {name}, "): the composer sets it.</summary>
    public string? MessageText { get; set; }

    /// <summary>Free text: end it with the opt-out hint in the contact's language (on unless unticked).</summary>
    public bool OptOutHint { get; set; } = true;

    public Guid? TemplateId { get; set; }

    /// <summary>The template's placeholder ("1", "2" …) → its value (may hold {name}).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public bool Schedule { get; set; }

    /// <summary>
    /// The start as the browser's date-and-time box gives it ("2026-11-28T10:00"), read on the consultant's clock (their
    /// time zone, not the server's). Kept as text and read here: the box's own conversion refused what browsers send.
    /// </summary>
    public string? StartsAtText { get; set; }

    public DateTime? StartsAt =>
        DateTime.TryParseExact(StartsAtText, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : null;

    public IReadOnlyList<string> TagList =>
        (Tags ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public BroadcastRequest ToRequest(ConsultantClock clock) => new(
        Name,
        new BroadcastAudienceRequest(Group, TagList),
        UseTemplate ? null : MessageText,
        UseTemplate ? new BroadcastTemplateRequest(TemplateId, new Dictionary<string, string>(Variables)) : null,
        Schedule && StartsAt is { } wallClock ? clock.FromLocal(wallClock) : null,
        UseTemplate ? null : OptOutHint);
}
