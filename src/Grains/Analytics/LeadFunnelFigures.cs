using NodaTime;
using NodaTime.Calendars;
using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The lead funnel of a period (<see cref="LeadFunnelReport"/>): the cohort's size, each stage (new to converted, in
/// order), the median time from first message to conversion, and the cohort of each ISO week of the period.
/// </summary>
/// <param name="TimeZone">The consultant's zone, in which the period's days and weeks are counted.</param>
/// <param name="Leads">Leads whose first message falls in the period.</param>
public sealed record LeadFunnelFigures(
    string TimeZone, DateOnly From, DateOnly To, bool IncludesSimulator, int Leads, IReadOnlyList<LeadFunnelStage> Stages,
    double? MedianSecondsToConversion, IReadOnlyList<LeadFunnelWeek> Weeks)
{
    public static LeadFunnelFigures Of(string timeZone, AnalyticsPeriod period, bool includesSimulator, IReadOnlyList<LeadCohortRow> leads)
    {
        var stages = StagesOf(leads);
        return new(timeZone, period.From, period.To, includesSimulator, leads.Count, stages,
            stages[^1].MedianSecondsFromFirstMessage, WeeksOf(TimeZones.Get(timeZone), period, leads));
    }

    private static List<LeadFunnelStage> StagesOf(IReadOnlyList<LeadCohortRow> leads)
    {
        var counts = LeadStage.All.Select((_, rank) => leads.Count(lead => lead.Furthest >= rank)).ToList();
        return LeadStage.All.Select((stage, rank) =>
        {
            var count = counts[rank];
            int? dropOff = rank + 1 < counts.Count ? count - counts[rank + 1] : null;
            List<double> times = rank == 0 ? [] : leads
                .Where(lead => lead.ReachedAt(rank) is not null)
                .Select(lead => (lead.ReachedAt(rank)!.Value - lead.FirstAt).TotalSeconds)
                .ToList();
            return new LeadFunnelStage(
                stage, count, Share(count, leads.Count), dropOff, dropOff is { } lost ? Share(lost, count) : null, Median(times));
        }).ToList();
    }

    /// <summary>Every ISO week the period touches, in order, each with the leads who first wrote in it.</summary>
    private static List<LeadFunnelWeek> WeeksOf(DateTimeZone zone, AnalyticsPeriod period, IReadOnlyList<LeadCohortRow> leads)
    {
        var byMonday = leads.ToLookup(lead => MondayOf(Instant.FromDateTimeOffset(lead.FirstAt).InZone(zone).Date));
        var weeks = new List<LeadFunnelWeek>();
        for (var monday = MondayOf(LocalDate.FromDateOnly(period.From)); monday <= LocalDate.FromDateOnly(period.To); monday = monday.PlusWeeks(1))
        {
            var cohort = byMonday[monday].ToList();
            int Reached(int rank) => cohort.Count(lead => lead.Furthest >= rank);
            weeks.Add(new LeadFunnelWeek(IsoWeek(monday), monday.ToDateOnly(), Reached(0), Reached(1), Reached(2), Reached(3), Reached(4)));
        }

        return weeks;
    }

    private static LocalDate MondayOf(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    private static string IsoWeek(LocalDate monday) => string.Create(CultureInfo.InvariantCulture,
        $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):00}");

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
