using System.Globalization;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Consultant.Web.Localization;

/// <summary>
/// Times on the dashboard, shown and entered in the consultant's time zone (never UTC, never the server's zone) and
/// written in the page's culture. One per circuit; the layout loads the consultant's zone before any page renders.
/// </summary>
public sealed class ConsultantClock(AccountSettingsService settings, IOptions<ConsultantOptions> options, TimeProvider time)
{
    private DateTimeZone zone = TimeZones.Get(options.Value.DefaultTimeZone);

    public string TimeZone => zone.Id;

    public async Task LoadAsync(Guid consultantId) =>
        zone = TimeZones.Get((await settings.GetAsync(consultantId)).TimeZone);

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).ToDateTimeOffset();

    /// <summary>
    /// A wall-clock time the consultant typed, as an instant. In the hour skipped by summer time it moves forward; in
    /// the hour that repeats it is the first of the two (NodaTime's lenient rule).
    /// </summary>
    public DateTimeOffset FromLocal(DateTime wallClock) =>
        LocalDateTime.FromDateTime(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified))
            .InZoneLeniently(zone).ToDateTimeOffset();

    /// <summary>25/11/2026 14:30 in Italian, 25/11/2026 14:30 in English (UK).</summary>
    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);

    public string FormatDate(DateTimeOffset instant) => ToLocal(instant).ToString("d", CultureInfo.CurrentCulture);

    public string FormatTime(DateTimeOffset instant) => ToLocal(instant).ToString("t", CultureInfo.CurrentCulture);

    /// <summary>Whether <paramref name="instant"/> falls on today in the consultant's time zone.</summary>
    public bool IsToday(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime) == Today;

    /// <summary>The time today, else the day and short month ("25 nov").</summary>
    public string FormatShort(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return IsToday(instant)
            ? local.ToString("t", CultureInfo.CurrentCulture)
            : local.ToString("d MMM", CultureInfo.CurrentCulture);
    }
}
