using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Consultant.Grains.Analytics;

/// <summary>
/// Writes closed days (those before the consultant's local today) to <c>whatsapp_daily_stats</c> from
/// <see cref="DailyStatsQuery"/>, without the simulator: the nightly close for every consultant, and a recompute of any
/// range. Writing a day again replaces its row with the same values, so either may run any number of times.
/// </summary>
public sealed partial class DailyStatsClosing(
    DailyStatsQuery query,
    DailyStatsStore store,
    AccountSettingsService settings,
    ConsultantAccountRepository accounts,
    TimeProvider time,
    ILogger<DailyStatsClosing> logger)
{
    /// <summary>
    /// For each consultant, the days from the one after their last closed day (or from the day they signed up) to
    /// yesterday in their zone, at most the last <see cref="AnalyticsPeriod.MaxDays"/>. One consultant failing does not stop the others.
    /// </summary>
    public async Task<DailyStatsClosed> CloseDueDaysAsync(CancellationToken cancellationToken = default)
    {
        var (consultants, days) = (0, 0);
        foreach (var (consultantId, createdAt, lastClosed) in await store.ListConsultantsAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var calendar = await settings.GetCalendarAsync(consultantId);
                var yesterday = calendar.LocalToday.AddDays(-1);
                var first = lastClosed?.AddDays(1) ?? LocalDate(createdAt, calendar.TimeZone);
                first = Max(first, yesterday.AddDays(1 - AnalyticsPeriod.MaxDays));
                if (first <= yesterday)
                {
                    days += await WriteAsync(consultantId, calendar.TimeZone, AnalyticsPeriod.Of(first, yesterday).Value!);
                    consultants++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CloseFailed(logger, consultantId, ex);
            }
        }

        return new DailyStatsClosed(consultants, days);
    }

    /// <summary>
    /// Computes again and rewrites the closed days of <paramref name="period"/> (days from the consultant's today on are
    /// never stored: they are live) for one consultant, or for every one when <paramref name="consultantId"/> is null.
    /// </summary>
    public async Task<DailyStatsClosed> RecomputeAsync(Guid? consultantId, AnalyticsPeriod period)
    {
        var ids = consultantId is { } one ? [one] : (await store.ListConsultantsAsync()).Select(c => c.ConsultantId).ToList();
        var (consultants, days) = (0, 0);
        foreach (var id in ids)
        {
            var calendar = await settings.GetCalendarAsync(id);
            var last = Min(period.To, calendar.LocalToday.AddDays(-1));
            if (period.From <= last)
            {
                days += await WriteAsync(id, calendar.TimeZone, AnalyticsPeriod.Of(period.From, last).Value!);
                consultants++;
            }
        }

        return new DailyStatsClosed(consultants, days);
    }

    /// <summary>The same from an administrator's request: 400 naming <c>from</c>/<c>to</c>, 404 for an unknown consultant.</summary>
    public async Task<Result<DailyStatsClosed>> RecomputeAsync(Guid? consultantId, string? from, string? to)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        if (period.Problem is { } problem)
        {
            return problem;
        }

        if (consultantId is { } id && await accounts.FindByIdAsync(id) is null)
        {
            return Problem.NotFound();
        }

        return await RecomputeAsync(consultantId, period.Value!);
    }

    private async Task<int> WriteAsync(Guid consultantId, string timeZone, AnalyticsPeriod period)
    {
        var rows = await query.ComputeAsync(consultantId, timeZone, period, includeSimulator: false);
        await store.UpsertAsync(consultantId, timeZone, rows, time.GetUtcNow());
        return rows.Count;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, string timeZone) =>
        Instant.FromDateTimeOffset(instant).InZone(TimeZones.Get(timeZone)).Date.ToDateOnly();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the daily statistics of consultant {ConsultantId} failed; the next close tries again")]
    private static partial void CloseFailed(ILogger logger, Guid consultantId, Exception exception);
}
