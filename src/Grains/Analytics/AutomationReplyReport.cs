using Consultant.Grains.Accounts;
using Consultant.Grains.Common;

namespace Consultant.Grains.Analytics;

/// <summary>
/// Replies to automation over a period of the consultant's own days, for the Analytics page and
/// <c>GET /api/analytics/automation-replies</c>: the messages sent in the period, each counted by the one definition
/// of a reply (<see cref="AutomationReplies"/>). Simulator conversations are left out unless asked.
/// </summary>
public sealed class AutomationReplyReport(AutomationReplies replies, AccountSettingsService accountSettings)
{
    public async Task<AutomationReplyFigures> GetAsync(Guid consultantId, AnalyticsPeriod period, bool includeSimulator = false)
    {
        var calendar = await accountSettings.GetCalendarAsync(consultantId);
        var (origins, rules) = await replies.AllRatesAsync(consultantId, period.In(TimeZones.Get(calendar.TimeZone)), includeSimulator);
        return new AutomationReplyFigures(calendar.TimeZone, period.From, period.To, includeSimulator, origins, rules);
    }
}
