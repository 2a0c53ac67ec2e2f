namespace Consultant.Grains.FollowUps;

/// <summary>A consultant's six rules, always all of them in <see cref="FollowUpRuleKeys.All"/>'s order.</summary>
public sealed record FollowUpRuleSet(IReadOnlyList<FollowUpRule> Rules)
{
    public FollowUpRule this[string key] => Rules.First(rule => rule.Key == key);
}
