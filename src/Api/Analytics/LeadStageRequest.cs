namespace Consultant.Api.Analytics;

/// <param name="Stage">new, engaged, qualified, booked or converted.</param>
public sealed record LeadStageRequest(string? Stage);
