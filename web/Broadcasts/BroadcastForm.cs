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

    /// <summary>Free text: end it with the opt-out hint in the language of the text (on unless unticked).</summary>
    public bool OptOutHint { get; set; } = true;

    public Guid? TemplateId { get; set; }

    /// <summary>The template's placeholder ("1", "2" …) → its value (may hold {name}).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public bool Schedule { get; set; }

    /// <summary>The day it starts, from the dashboard's date picker (written in its language), on the consultant's clock.</summary>
    public DateTime? StartsOn { get; set; }

    /// <summary>The time of day it starts, from the dashboard's time picker (24-hour).</summary>
    public TimeSpan? StartsAtTime { get; set; }

    /// <summary>The start on the consultant's wall clock (their time zone, not the server's); null until both are chosen.</summary>
    public DateTime? StartsAt => StartsOn is { } day && StartsAtTime is { } time ? day.Date + time : null;

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
