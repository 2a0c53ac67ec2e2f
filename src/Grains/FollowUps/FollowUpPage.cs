namespace Consultant.Grains.FollowUps;

/// <summary>One page of follow-ups (upcoming: soonest first; history: latest first).</summary>
public sealed record FollowUpPage(IReadOnlyList<FollowUp> Items, int Page, int PageSize, int Total);
