using System.Globalization;
using System.Text.RegularExpressions;
using MudBlazor;

namespace Consultant.Web.Analytics;

/// <summary>Days, counts, shares and durations on the Analytics page, written as the page's culture writes them (25/11, 1.234).</summary>
internal static partial class AnalyticsFormat
{
    /// <summary>A day without its year, from the culture's short date: 25/11 in Italian and British English, 11/25 in American.</summary>
    public static string Day(DateOnly date)
    {
        var pattern = YearPart().Replace(CultureInfo.CurrentCulture.DateTimeFormat.ShortDatePattern, "").Trim();
        return date.ToString(pattern, CultureInfo.CurrentCulture);
    }

    /// <summary>The x-axis labels of a chart by day; with many days only some are written, so they stay readable.</summary>
    public static string[] DayLabels(IReadOnlyList<DateOnly> dates)
    {
        var every = Math.Max(1, (int)Math.Ceiling(dates.Count / 15.0));
        return dates.Select((date, index) => index % every == 0 ? Day(date) : "").ToArray();
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Share(double? share) => share is { } value ? value.ToString("P0", CultureInfo.CurrentCulture) : "–";

    /// <summary>Counts on a line chart's vertical axis: whole numbers in the culture, round steps, from zero.</summary>
    public static LineChartOptions CountLines(IReadOnlyList<ChartSeries<double>> series) => new()
    {
        YAxisTicks = Step(Highest(series)), MaxNumYAxisTicks = MaxTicks, YAxisFormat = "N0", YAxisRequireZeroPoint = true,
        TooltipTitleFormat = SeriesTooltip, TooltipSubtitleFormat = DayTooltip,
    };

    /// <summary>Counts on a bar chart's vertical axis, likewise.</summary>
    public static BarChartOptions CountBars(IReadOnlyList<ChartSeries<double>> series) => new()
    {
        YAxisTicks = Step(Highest(series)), MaxNumYAxisTicks = MaxTicks, YAxisFormat = "N0",
        TooltipTitleFormat = SeriesTooltip, TooltipSubtitleFormat = DayTooltip,
    };

    /// <summary>Counts on a stacked bar chart's vertical axis, likewise; the steps fit the highest stack.</summary>
    public static StackedBarChartOptions CountStacks(IReadOnlyList<ChartSeries<double>> series) => new()
    {
        YAxisTicks = Step(HighestStack(series)), MaxNumYAxisTicks = MaxTicks, YAxisFormat = "N0",
        TooltipTitleFormat = SeriesTooltip, TooltipSubtitleFormat = DayTooltip,
    };

    /// <summary>
    /// A round step between an axis's lines (1, 2, 5, 10, 20, 50…) giving at most <see cref="MaxTicks"/> lines up to
    /// <paramref name="highest"/>. Left to itself the chart doubles its step (2.048, 4.096; 21 min 20 s).
    /// </summary>
    public static int Step(double highest)
    {
        for (var power = 1L; ; power *= 10)
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                var step = power * factor;
                if (Math.Floor(highest / step) + 1 <= MaxTicks || step >= int.MaxValue / 10)
                {
                    return (int)step;
                }
            }
        }
    }

    /// <summary>The tooltip of a point: the series and its value, then the day.</summary>
    public const string SeriesTooltip = "{{SERIES_NAME}}: {{Y_VALUE}}";

    public const string DayTooltip = "{{X_VALUE}}";

    private const int MaxTicks = 6;

    private static double Highest(IReadOnlyList<ChartSeries<double>> series) =>
        series.SelectMany(line => line.Data.Values).DefaultIfEmpty(0).Max();

    private static double HighestStack(IReadOnlyList<ChartSeries<double>> series) =>
        series.Count == 0 ? 0 : Enumerable.Range(0, series.Max(bars => bars.Data.Values.Count))
            .Max(index => series.Sum(bars => index < bars.Data.Values.Count ? bars.Data.Values[index] : 0));

    /// <summary>
    /// Seconds as a person reads them: 45 s, 3 min 20 s, 2 h 5 min, and days as <paramref name="days"/> writes them
    /// ("3 d 4 h", "3 g 4 h" in Italian); a dash when there is none.
    /// </summary>
    public static string Duration(double? seconds, Func<int, int, string> days)
    {
        if (seconds is not { } value)
        {
            return "–";
        }

        var time = TimeSpan.FromSeconds(Math.Round(value));
        return time.TotalMinutes < 1 ? $"{time.Seconds} s"
            : time.TotalHours < 1 ? (time.Seconds == 0 ? $"{time.Minutes} min" : $"{time.Minutes} min {time.Seconds} s")
            : time.TotalDays < 1 ? $"{time.Hours} h {time.Minutes} min"
            : days((int)time.TotalDays, time.Hours);
    }

    /// <summary>The year and the separator next to it, wherever the culture puts it (d/M/yyyy, yyyy-MM-dd, M/d/yyyy).</summary>
    [GeneratedRegex(@"[^dMy]*y+[^dMy]*")]
    private static partial Regex YearPart();
}
