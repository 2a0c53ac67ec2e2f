namespace Consultant.Grains.Analytics;

/// <summary>
/// The shared key pool's use from <see cref="From"/> to <see cref="To"/> (Pacific dates, <see cref="TimeZone"/>):
/// per key over the period (<see cref="Keys"/>: the donut) and per key per day (<see cref="Days"/>: the lines; every
/// day of the period for every key, zeros included).
/// </summary>
public sealed record KeyPoolUsage(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<PoolKeyTotal> Keys, IReadOnlyList<PoolKeyDay> Days);
