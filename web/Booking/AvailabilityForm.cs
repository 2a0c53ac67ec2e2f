using System.Globalization;
using Consultant.Grains.Booking;

namespace Consultant.Web.Booking;

/// <summary>The availability section's fields as typed: times and dates as the browser's time and date inputs give them.</summary>
internal sealed class AvailabilityForm
{
    public List<HoursRow> Hours { get; } = [];

    public List<DaysOffRow> DaysOff { get; } = [];

    public int? ConsultationMinutes { get; set; }

    public int? BufferMinutes { get; set; }

    public int? MinimumNoticeMinutes { get; set; }

    public int? HorizonDays { get; set; }

    public string? MeetingLink { get; set; }

    public static AvailabilityForm Of(BookingAvailability availability)
    {
        var form = new AvailabilityForm
        {
            ConsultationMinutes = availability.ConsultationMinutes,
            BufferMinutes = availability.BufferMinutes,
            MinimumNoticeMinutes = availability.MinimumNoticeMinutes,
            HorizonDays = availability.HorizonDays,
            MeetingLink = availability.MeetingLink,
        };
        form.Hours.AddRange(availability.WeeklyHours.Select(h => new HoursRow { Day = h.Day, Start = Time(h.Start), End = Time(h.End) }));
        form.DaysOff.AddRange(availability.BlockedPeriods.Select(p => new DaysOffRow { From = Date(p.From), To = Date(p.To), Note = p.Note }));
        return form;
    }

    /// <summary>The rows in the order shown, so the service's <c>weeklyHours[i]</c> names the row on the screen.</summary>
    public AvailabilityInput ToInput() => new(
        [.. Hours.Select(h => new WorkingHoursInput(AvailabilityRules.NameOf(h.Day), h.Start, h.End))],
        ConsultationMinutes, BufferMinutes, MinimumNoticeMinutes, HorizonDays,
        [.. DaysOff.Select(p => new BlockedPeriodInput(p.From, p.To, p.Note))],
        MeetingLink);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed class HoursRow
    {
        public DayOfWeek Day { get; init; }

        public string? Start { get; set; }

        public string? End { get; set; }
    }

    internal sealed class DaysOffRow
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public string? Note { get; set; }
    }
}
