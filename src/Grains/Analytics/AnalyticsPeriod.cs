using System.Globalization;
using Consultant.Grains.Common;
using NodaTime;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The days a statistic covers: the consultant's local dates <see cref="From"/> to <see cref="To"/>, both included.
/// Every analytics query, chart and CSV takes one, made by <see cref="Parse"/> (API text) or <see cref="Of"/> (dates).
/// </summary>
public sealed record AnalyticsPeriod
{
    /// <summary>A year, leap years included; longer ranges are refused so one request cannot scan the whole history.</summary>
    public const int MaxDays = 366;

    private AnalyticsPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Every date of the period, in order.</summary>
    public IEnumerable<DateOnly> Dates => Enumerable.Range(0, Days).Select(From.AddDays);

    /// <summary>The last <paramref name="days"/> days up to and including <paramref name="today"/>.</summary>
    public static AnalyticsPeriod Last(int days, DateOnly today) =>
        days is < 1 or > MaxDays ? throw new ArgumentOutOfRangeException(nameof(days)) : new(today.AddDays(1 - days), today);

    /// <summary>Dates as the API receives them (<c>YYYY-MM-DD</c>); each fault names its field.</summary>
    public static Result<AnalyticsPeriod> Parse(string? from, string? to)
    {
        var errors = new ValidationErrors();
        var start = ParseDate(from, "from", errors);
        var end = ParseDate(to, "to", errors);
        return !errors.IsEmpty ? Problem.Invalid(errors) : Of(start!.Value, end!.Value);
    }

    public static Result<AnalyticsPeriod> Of(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return Problem.Invalid("from", $"The start ({Iso(from)}) is after the end ({Iso(to)}): choose a start on or before the end.");
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return days > MaxDays
            ? Problem.Invalid("to", $"The period has {days} days; at most {MaxDays} can be shown at once: choose a shorter period.")
            : new AnalyticsPeriod(from, to);
    }

    /// <summary>
    /// The period as UTC instants in <paramref name="zone"/>: from the first instant of the first day to the first
    /// instant after the last. Days with a summer-time change have 23 or 25 hours, so this is not 24 h × days.
    /// </summary>
    public TimeRange In(DateTimeZone zone) => new(
        zone.AtStartOfDay(LocalDate.FromDateOnly(From)).ToDateTimeOffset().ToUniversalTime(),
        zone.AtStartOfDay(LocalDate.FromDateOnly(To).PlusDays(1)).ToDateTimeOffset().ToUniversalTime());

    public override string ToString() => $"{Iso(From)}..{Iso(To)}";

    private static DateOnly? ParseDate(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required: a date like 2026-11-25.");
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"'{Shorten(text)}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.");
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
