using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>A period of days the Analytics page cannot show (Analytics/AnalyticsPeriod).</summary>
    private LocalizedString[] AnalyticsWordings() =>
    [
        L["Required: a date like 2026-11-25."],
        L["'{0}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25."],
        L["The start ({0}) is after the end ({1}): choose a start on or before the end."],
        L["The period has {0} days; at most {1} can be shown at once: choose a shorter period."],
    ];
}
