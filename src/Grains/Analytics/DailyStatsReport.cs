namespace Consultant.Grains.Analytics;

/// <summary>The days of a period, one row each in order, counted in <see cref="TimeZone"/> (the consultant's, an IANA id).</summary>
public sealed record DailyStatsReport(string TimeZone, IReadOnlyList<DailyStats> Days);
