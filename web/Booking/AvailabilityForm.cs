using System.Globalization;
using Consultant.Grains.Booking;

namespace Consultant.Web.Booking;

/// <summary>
/// The availability section's fields as typed: times and days as the dashboard's pickers give them (written in the
/// dashboard's language, not the browser's), numbers as text.
/// </summary>
internal sealed class AvailabilityForm
{
    public List<HoursRow> Hours { get; } = [];

    public List<DaysOffRow> DaysOff { get; } = [];

    // The numbers as typed: a whole number, or refused at its field (never "1,5" read as 15).
    public string? ConsultationMinutes { get; set; }

    public string? BufferMinutes { get; set; }

    public string? MinimumNoticeMinutes { get; set; }

    public string? HorizonDays { get; set; }

    public string? MeetingLink { get; set; }

    public static AvailabilityForm Of(BookingAvailability availability)
    {
        var form = new AvailabilityForm
        {
            ConsultationMinutes = Number(availability.ConsultationMinutes),
            BufferMinutes = Number(availability.BufferMinutes),
            MinimumNoticeMinutes = Number(availability.MinimumNoticeMinutes),
            HorizonDays = Number(availability.HorizonDays),
            MeetingLink = availability.MeetingLink,
        };
        form.Hours.AddRange(availability.WeeklyHours.Select(h => new HoursRow { Day = h.Day, Start = Time(h.Start), End = Time(h.End) }));
        form.DaysOff.AddRange(availability.BlockedPeriods.Select(p => new DaysOffRow { From = Date(p.From), To = Date(p.To), Note = p.Note }));
        return form;
    }

    /// <summary>
    /// The rows in the order shown, so the service's <c>weeklyHours[i]</c> names the row on the screen; null with
    /// <paramref name="notWhole"/> naming each number field that is not a whole number (nothing is saved then).
    /// </summary>
    public AvailabilityInput? ToInput(out IReadOnlyList<string> notWhole)
    {
        var fields = new (string Field, string? Text)[]
        {
            ("consultationMinutes", ConsultationMinutes), ("bufferMinutes", BufferMinutes),
            ("minimumNoticeMinutes", MinimumNoticeMinutes), ("horizonDays", HorizonDays),
        };
        notWhole = [.. fields.Where(f => WholeNumber(f.Text) is null).Select(f => f.Field)];
        if (notWhole.Count > 0)
        {
            return null;
        }

        return new AvailabilityInput(
            [.. Hours.Select(h => new WorkingHoursInput(AvailabilityRules.NameOf(h.Day), Written(h.Start), Written(h.End)))],
            WholeNumber(ConsultationMinutes), WholeNumber(BufferMinutes), WholeNumber(MinimumNoticeMinutes), WholeNumber(HorizonDays),
            [.. DaysOff.Select(p => new BlockedPeriodInput(Written(p.From), Written(p.To), p.Note))],
            MeetingLink);
    }

    /// <summary>Digits only (an optional minus, which the service refuses in words): "1,5", "1.5" or "1e3" are not.</summary>
    private static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A number as the fields show it.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan Time(TimeOnly time) => time.ToTimeSpan();

    private static DateTime Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    /// <summary>A picked time as the service reads it (HH:mm); an empty field stays empty, refused there at its field.</summary>
    private static string? Written(TimeSpan? time) => time?.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string? Written(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed class HoursRow
    {
        public DayOfWeek Day { get; init; }

        public TimeSpan? Start { get; set; }

        public TimeSpan? End { get; set; }
    }

    internal sealed class DaysOffRow
    {
        public DateTime? From { get; set; }

        public DateTime? To { get; set; }

        public string? Note { get; set; }
    }
}
