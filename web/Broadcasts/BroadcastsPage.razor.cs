using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.Web.Localization;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace Consultant.Web.Broadcasts;

/// <summary>
/// The consultant's broadcasts (newest first, with status and progress), the composer, and the chosen one's
/// preflight or live report. The hub's BroadcastUpdated events move the progress bars and the report as they come.
/// </summary>
public sealed partial class BroadcastsPage
{
    /// <summary>The list's counts are loaded for this many; the rest get theirs when the hub tells of them.</summary>
    private const int CountedOnLoad = 30;

    private Guid consultantId;
    private List<Broadcast>? broadcasts;
    private readonly Dictionary<Guid, BroadcastProgress> progress = [];
    private int loadsStarted;
    private Guid? selectedId;
    private bool composing;
    private string? loadError;
    private IAsyncDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private BroadcastService Broadcasts { get; set; } = null!;
    [Inject] private DashboardEventRelay Relay { get; set; } = null!;
    [Inject] private ConsultantClock Clock { get; set; } = null!;
    [Inject] private ILogger<BroadcastsPage> Logger { get; set; } = null!;

    private Broadcast? Selected => broadcasts?.FirstOrDefault(broadcast => broadcast.Id == selectedId);

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        await Clock.LoadAsync(consultantId);
        try
        {
            await LoadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The broadcasts could not be loaded");
            loadError = L["The broadcasts could not be loaded. Reload the page in a moment."];
            return;
        }

        subscription = await Relay.ListenAsync(consultantId, dashboardEvent => InvokeAsync(() => OnEventAsync(dashboardEvent)));
    }

    /// <summary>
    /// The list and the counts of the latest broadcasts. Events start loads that interleave and may end out of order (an
    /// earlier "sending" load ending after a later "completed" one left the page at "sending"): only the latest applies.
    /// </summary>
    private async Task LoadAsync()
    {
        var load = ++loadsStarted;
        var list = (await Broadcasts.ListAsync(consultantId)).ToList();
        var counted = new Dictionary<Guid, BroadcastProgress>();
        foreach (var broadcast in list.Take(CountedOnLoad).Where(b => b.Status is not (BroadcastStatus.Draft or BroadcastStatus.Scheduled)))
        {
            if ((await Broadcasts.ReportAsync(consultantId, broadcast.Id)).Value is { } report)
            {
                counted[broadcast.Id] = BroadcastWords.ProgressOf(report);
            }
        }

        if (load != loadsStarted)
        {
            return; // a later load is under way: it read a newer state
        }

        foreach (var (id, counts) in counted)
        {
            progress[id] = counts;
        }

        broadcasts = list;
    }

    /// <summary>A broadcast's status or counts changed: its row and, when it is the chosen one, its report.</summary>
    private async Task OnEventAsync(DashboardEvent dashboardEvent)
    {
        if (dashboardEvent is not { Name: DashboardEventNames.BroadcastUpdated, Broadcast: { } news } || broadcasts is null)
        {
            return;
        }

        progress[news.BroadcastId] = news;
        var index = broadcasts.FindIndex(broadcast => broadcast.Id == news.BroadcastId);
        if (index < 0 || broadcasts[index].Status != news.Status)
        {
            await LoadAsync(); // a new one (from the API) or a new status with its times and reason
        }

        StateHasChanged();
    }

    private void Compose()
    {
        composing = true;
        selectedId = null;
    }

    private void Select(Guid id)
    {
        selectedId = id;
        composing = false;
    }

    private async Task CreatedAsync(Broadcast created)
    {
        composing = false;
        await LoadAsync();
        selectedId = created.Id;
    }

    private async Task ChangedAsync(Broadcast changed)
    {
        await LoadAsync();
        selectedId = changed.Id;
    }

    private async Task DiscardedAsync()
    {
        selectedId = null;
        await LoadAsync();
    }

    /// <summary>
    /// "created today at 00:33", "started on 25 Nov": the day whenever it is not today. Lower case like the rest of the
    /// caption after its audience ("Clients · created today at 00:33"), as the detail's "Created … · started …".
    /// </summary>
    private string When(Broadcast broadcast) => broadcast switch
    {
        { Status: BroadcastStatus.Scheduled, ScheduledAt: { } at } =>
            Clock.IsToday(at) ? L["starts today at {0}", Clock.FormatTime(at)] : L["starts on {0}", Clock.FormatShort(at)],
        { StartedAt: { } started } =>
            Clock.IsToday(started) ? L["started today at {0}", Clock.FormatTime(started)] : L["started on {0}", Clock.FormatShort(started)],
        _ => Clock.IsToday(broadcast.CreatedAt)
            ? L["created today at {0}", Clock.FormatTime(broadcast.CreatedAt)]
            : L["created on {0}", Clock.FormatShort(broadcast.CreatedAt)],
    };

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
    }
}
