namespace Consultant.Grains.Analytics;

/// <summary>Response times of one day, in seconds (to a tenth), over <see cref="Count"/> replies; all null when there was none.</summary>
/// <param name="Median">The 50th percentile (PostgreSQL's percentile_cont: interpolated between the two middle ones).</param>
/// <param name="P90">The 90th percentile, interpolated likewise.</param>
public sealed record ResponseSeconds(int Count, double? Avg, double? Median, double? P90);
