using Consultant.Grains.Accounts;
using Consultant.Grains.Analytics;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace Consultant.Web.Analytics;

/// <summary>
/// How the assistant does for the consultant over a period of their own days: messages, response times, the lead
/// funnel, media and AI use, each with its CSV; for administrators also the shared key pool.
/// </summary>
public sealed partial class AnalyticsPage
{
    public const string Path = "/analytics";

    /// <summary>The period shown first: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    private Guid consultantId;
    private ConsultantCalendar? calendar;
    private AnalyticsPeriod? period;
    private bool includeSimulator;
    private string? loadError;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private AccountSettingsService AccountSettings { get; set; } = null!;
    [Inject] private ILogger<AnalyticsPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
            calendar = await AccountSettings.GetCalendarAsync(consultantId);
            period = AnalyticsPeriod.Last(DefaultDays, calendar.LocalToday);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The analytics page could not be loaded");
            loadError = L["The statistics could not be loaded. Reload the page in a moment."];
        }
    }

    private void Show(AnalyticsPeriod chosen) => period = chosen;

    private void IncludeSimulator(bool include) => includeSimulator = include;
}
