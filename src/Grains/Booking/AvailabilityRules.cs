using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// What availability may be, checked field by field: every fault is named (<c>weeklyHours[2].end</c>,
/// <c>bufferMinutes</c>, <c>blockedPeriods[0].to</c>…) so the page and the API show it where it belongs.
/// </summary>
public static class AvailabilityRules
{
    public const int MaxRanges = 70;
    public const int MaxBufferMinutes = 240;
    public const int MaxNoticeMinutes = 30 * 24 * 60;
    public const int MaxHorizonDays = 365;
    public const int MaxBlockedPeriods = 100;
    public const int NoteLength = 200;
    public const int MeetingLinkLength = 500;

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>monday … sunday, as the API writes a weekday.</summary>
    public static string NameOf(DayOfWeek day) => DayNames[(int)day];

    public static Result<BookingAvailability> Check(AvailabilityInput input, string timeZone)
    {
        var errors = new ValidationErrors();
        var hours = CheckHours(input.WeeklyHours, errors);
        var length = Minutes(errors, "consultationMinutes", input.ConsultationMinutes, BookingAvailability.DefaultConsultationMinutes,
            InputLimits.MinConsultationMinutes, InputLimits.MaxConsultationMinutes);
        var buffer = Minutes(errors, "bufferMinutes", input.BufferMinutes, BookingAvailability.DefaultBufferMinutes, 0, MaxBufferMinutes);
        var notice = Minutes(errors, "minimumNoticeMinutes", input.MinimumNoticeMinutes, BookingAvailability.DefaultMinimumNoticeMinutes,
            0, MaxNoticeMinutes);
        var horizon = Minutes(errors, "horizonDays", input.HorizonDays, BookingAvailability.DefaultHorizonDays, 1, MaxHorizonDays);
        var blocked = CheckBlocked(input.BlockedPeriods, errors);
        var link = CheckLink(input.MeetingLink, errors);
        return errors.IsEmpty
            ? new BookingAvailability(timeZone, hours, length, buffer, notice, horizon, blocked, link)
            : Problem.Invalid(errors);
    }

    private static List<WorkingHours> CheckHours(IReadOnlyList<WorkingHoursInput?>? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return [.. BookingAvailability.DefaultWeeklyHours];
        }

        if (input.Count > MaxRanges)
        {
            errors.Add("weeklyHours", string.Create(CultureInfo.InvariantCulture, $"At most {MaxRanges} ranges of working hours."));
            return [];
        }

        var hours = new List<(int Index, WorkingHours Hours)>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"weeklyHours[{i}]");
            var range = input[i];
            var day = Array.IndexOf(DayNames, range?.Day?.Trim().ToLowerInvariant());
            if (day < 0)
            {
                errors.Add(field + ".day", "The day is monday, tuesday, wednesday, thursday, friday, saturday or sunday.");
            }

            var start = Time(errors, field + ".start", range?.Start);
            var end = Time(errors, field + ".end", range?.End);
            if (start is not null && end is not null && end <= start)
            {
                errors.Add(field + ".end", "The end is before the start: a range ends later the same day.");
            }
            else if (day >= 0 && start is not null && end is not null)
            {
                hours.Add((i, new WorkingHours((DayOfWeek)day, start.Value, end.Value)));
            }
        }

        foreach (var (index, range) in hours)
        {
            if (hours.Any(other => other.Index < index && other.Hours.Day == range.Day && other.Hours.Start < range.End && range.Start < other.Hours.End))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"weeklyHours[{index}]"),
                    "This range overlaps another range of the same day: join them or move one.");
            }
        }

        return [.. hours.Select(pair => pair.Hours).OrderBy(h => (int)h.Day == 0 ? 7 : (int)h.Day).ThenBy(h => h.Start)];
    }

    private static TimeOnly? Time(ValidationErrors errors, string field, string? text)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "A time of day is HH:mm, e.g. 09:00 or 17:30.");
        return null;
    }

    private static int Minutes(ValidationErrors errors, string field, int? value, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < 0)
        {
            errors.Add(field, "This cannot be negative.");
        }
        else if (value < min || value > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"This is between {min} and {max}."));
        }

        return value.Value;
    }

    private static List<BlockedPeriod> CheckBlocked(IReadOnlyList<BlockedPeriodInput?>? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > MaxBlockedPeriods)
        {
            errors.Add("blockedPeriods", string.Create(CultureInfo.InvariantCulture, $"At most {MaxBlockedPeriods} periods off."));
            return [];
        }

        var periods = new List<BlockedPeriod>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"blockedPeriods[{i}]");
            var from = Date(errors, field + ".from", input[i]?.From);
            var to = Date(errors, field + ".to", input[i]?.To);
            var note = string.IsNullOrWhiteSpace(input[i]?.Note) ? null : input[i]!.Note!.Trim();
            if (note is { Length: > NoteLength })
            {
                errors.Add(field + ".note", string.Create(CultureInfo.InvariantCulture, $"A note has at most {NoteLength} characters."));
            }

            if (from is not null && to is not null && to < from)
            {
                errors.Add(field + ".to", "The last day is before the first: choose a last day on or after it.");
            }
            else if (from is not null && to is not null)
            {
                periods.Add(new BlockedPeriod(from.Value, to.Value, note));
            }
        }

        return [.. periods.OrderBy(period => period.From)];
    }

    private static DateOnly? Date(ValidationErrors errors, string field, string? text)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "A date is yyyy-mm-dd, e.g. 2026-12-24.");
        return null;
    }

    private static string? CheckLink(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var link = text.Trim();
        if (link.Length > MeetingLinkLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("meetingLink", "The meeting link is an https:// address, e.g. https://meet.example.com/you.");
            return null;
        }

        return link;
    }
}
