namespace Consultant.Api.Admin;

/// <param name="From">The first local day, YYYY-MM-DD.</param>
/// <param name="To">The last local day, YYYY-MM-DD (days from the consultant's today on are live, never stored).</param>
/// <param name="ConsultantId">One consultant; every consultant when left out.</param>
public sealed record DailyStatsRecomputeRequest(string? From, string? To, Guid? ConsultantId);
