using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Analytics;

/// <summary>
/// A consultant's daily statistics for a period, in their time zone: closed days as the nightly close stored them,
/// today (and any day not stored yet) live from the same query. What the API, the CSV and the Analytics page show.
/// </summary>
public sealed class DailyStatsService(
    DailyStatsQuery query, DailyStatsStore store, AccountSettingsService settings, IOptionsMonitor<AiOptions> aiOptions)
{
    /// <summary>The days of <paramref name="period"/>; simulator conversations only when <paramref name="includeSimulator"/>.</summary>
    public async Task<DailyStatsReport> GetAsync(Guid consultantId, AnalyticsPeriod period, bool includeSimulator = false)
    {
        var calendar = await settings.GetCalendarAsync(consultantId);
        var prices = AiPrices.From(aiOptions.CurrentValue);
        var rows = await RowsAsync(consultantId, calendar, period, includeSimulator);
        return new DailyStatsReport(calendar.TimeZone, rows.Select(row => row.ToStats(prices)).ToList());
    }

    /// <summary>The same from the API's text: <c>from</c> and <c>to</c> as YYYY-MM-DD; 400 naming the field otherwise.</summary>
    public async Task<Result<DailyStatsReport>> GetAsync(Guid consultantId, string? from, string? to, bool includeSimulator = false)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        return period.Value is { } valid ? (Result<DailyStatsReport>)await GetAsync(consultantId, valid, includeSimulator) : period.Problem!;
    }

    private async Task<IReadOnlyList<DailyStatsRow>> RowsAsync(
        Guid consultantId, ConsultantCalendar calendar, AnalyticsPeriod period, bool includeSimulator)
    {
        // Stored days never hold the simulator: with it, every day is computed live.
        var stored = includeSimulator || period.From >= calendar.LocalToday
            ? []
            : await store.ReadAsync(consultantId, calendar.TimeZone, period.From, Min(period.To, calendar.LocalToday.AddDays(-1)));
        var byDate = stored.ToDictionary(row => row.Date);
        var missing = period.Dates.Where(date => !byDate.ContainsKey(date)).ToList();
        if (missing.Count > 0)
        {
            var span = AnalyticsPeriod.Of(missing[0], missing[^1]).Value!;
            foreach (var row in await query.ComputeAsync(consultantId, calendar.TimeZone, span, includeSimulator))
            {
                byDate.TryAdd(row.Date, row);
            }
        }

        return period.Dates.Select(date => byDate[date]).ToList();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
