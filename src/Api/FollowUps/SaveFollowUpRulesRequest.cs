using Consultant.Grains.FollowUps;

namespace Consultant.Api.FollowUps;

/// <param name="Rules">The rules to save, each whole (key, enabled, delayMinutes, texts, template, aiWrites); others stay.</param>
public sealed record SaveFollowUpRulesRequest(IReadOnlyList<FollowUpRule>? Rules);
