namespace Consultant.Grains.Analytics;

/// <summary>
/// The replies-to-automation section's rows as CSV (<see cref="AutomationReplies"/>): one line per origin (its total,
/// the rule empty), each follow-up rule's line after the follow-ups' total, with the API's field names.
/// </summary>
public static class AutomationRepliesCsv
{
    public static readonly IReadOnlyList<string> Header = ["origin", "rule", "timeZone", "sent", "replied", "rate"];

    /// <summary>E.g. <c>automation-replies-2026-03-01-to-2026-03-31.csv</c>.</summary>
    public static string FileName(AnalyticsPeriod period) => AnalyticsCsv.FileName("automation-replies", period);

    public static Task<string> ToStringAsync(AutomationReplyFigures figures) => AnalyticsCsv.ToStringAsync(Header, figures.Origins.SelectMany(origin =>
        new[] { Line(figures, origin.Origin, "", origin.Sent, origin.Replied, origin.Rate) }.Concat(
            origin.Origin == Messages.MessageOrigin.FollowUp
                ? figures.FollowUpRules.Select(rule => Line(figures, origin.Origin, rule.Rule, rule.Sent, rule.Replied, rule.Rate))
                : [])));

    private static IEnumerable<string> Line(AutomationReplyFigures figures, string origin, string rule, int sent, int replied, double? rate) =>
        [origin, rule, figures.TimeZone, AnalyticsCsv.Number(sent), AnalyticsCsv.Number(replied), AnalyticsCsv.Number(rate)];
}
