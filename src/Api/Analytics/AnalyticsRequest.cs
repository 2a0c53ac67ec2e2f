using Consultant.Grains.Analytics;
using Consultant.Grains.Common;

namespace Consultant.Api.Analytics;

/// <summary>The period and the simulator switch every analytics report reads, checked one way: 400 naming <c>from</c>, <c>to</c> or <c>includeSimulator</c>.</summary>
internal static class AnalyticsRequest
{
    /// <param name="leftOut">What of the simulator's a report leaves out by default ("leads", "conversations"), for the message.</param>
    public static async Task<Result<T>> FiguresAsync<T>(
        string? from, string? to, string? includeSimulator, string leftOut, Func<AnalyticsPeriod, bool, Task<T>> figures)
        where T : class
    {
        var period = AnalyticsPeriod.Parse(from, to);
        if (period.Problem is { } problem)
        {
            return problem;
        }

        if (!SimulatorSwitch.TryParse(includeSimulator, out var withSimulator))
        {
            return Problem.Invalid("includeSimulator", $"true or false (false by default: the simulator's {leftOut} are left out).");
        }

        return await figures(period.Value!, withSimulator);
    }
}
