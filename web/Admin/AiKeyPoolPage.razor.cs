using System.Globalization;
using Consultant.Grains.Ai;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.Settings;
using Consultant.Web.Localization;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Consultant.Web.Admin;

/// <summary>The shared AI key pool for administrators: its keys with today's use against their quota, the alerts, add, change, remove.</summary>
public sealed partial class AiKeyPoolPage
{
    public const string Path = "/admin/ai-keys";

    private readonly AddForm form = new();
    private readonly Dictionary<Guid, string?> quotaDrafts = [];
    private Dictionary<Guid, string> quotaErrors = [];
    private IDictionary<string, string[]> addErrors = new Dictionary<string, string[]>();
    private IReadOnlyList<PoolKeyInfo>? keys;
    private IReadOnlyList<KeyPoolAlert> alerts = [];
    private string? loadError;
    private bool busy;

    [Inject] private PoolKeyService PoolKeys { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private ConsultantClock Clock { get; set; } = null!;
    [Inject] private ServiceMessages Messages { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ILogger<AiKeyPoolPage> Logger { get; set; } = null!;

    [Inject] private KeyPoolAlerts Alerts { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The AI key pool could not be loaded");
            loadError = L["The AI key pool could not be loaded. Reload the page in a moment."];
        }
    }

    private async Task LoadAsync()
    {
        // Everything is read before anything shown changes: the page may render at each await, and a row needs its draft.
        var listed = await PoolKeys.ListAsync();
        var listedAlerts = await Alerts.ForAsync(listed);
        quotaDrafts.Clear();
        foreach (var key in listed)
        {
            quotaDrafts[key.Id] = key.RequestsPerDay?.ToString("N0", CultureInfo.CurrentCulture);
        }

        keys = listed;
        // The page says an empty pool in its own words, above the (empty) list.
        alerts = listedAlerts.Where(alert => alert.Kind != KeyPoolAlertKind.EmptyPool).ToList();
    }

    private string TodayText(PoolKeyInfo key) => key.RequestsPerDay is { } quota
        ? L["{0} of {1} requests", Number(key.RequestsToday), Number(quota)]
        : L["{0} requests, no quota", Number(key.RequestsToday)];

    private static Color QuotaColor(double used) => used >= 1 ? Color.Error : used >= KeyPoolAlerts.NearQuotaShare ? Color.Warning : Color.Success;

    private string? ErrorFor(string field) => addErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task AddAsync()
    {
        if (!TryReadQuota(form.RequestsPerDay, out var requestsPerDay))
        {
            addErrors = new Dictionary<string, string[]> { ["requestsPerDay"] = [QuotaFormatError] };
            return;
        }

        await RunAsync(async () =>
        {
            var result = await PoolKeys.AddAsync(new PoolKeyInput(form.Label, form.ApiKey, requestsPerDay));
            addErrors = Messages.Translate(result.Errors.ToDictionary());
            if (result.Value is { } added)
            {
                (form.Label, form.ApiKey, form.RequestsPerDay) = (null, null, null);
                await LoadAsync();
                Snackbar.Add(L["The key {0} is added to the pool.", added.KeyHint], Severity.Success);
            }
        });
    }

    private async Task SaveQuotaAsync(PoolKeyInfo key)
    {
        quotaErrors.Remove(key.Id);
        if (!TryReadQuota(quotaDrafts.GetValueOrDefault(key.Id), out var requestsPerDay))
        {
            quotaErrors[key.Id] = QuotaFormatError;
            return;
        }

        await RunAsync(async () =>
        {
            var result = await PoolKeys.SetQuotaAsync(key.Id, requestsPerDay);
            if (result.Errors.ToDictionary().TryGetValue("requestsPerDay", out var messages))
            {
                quotaErrors[key.Id] = string.Join(" ", messages.Select(Messages.Translate));
                return;
            }

            await LoadAsync();
            Snackbar.Add(result.NotFound ? L["That key was removed meanwhile."] : L["The daily quota of {0} is saved.", key.Label],
                result.NotFound ? Severity.Warning : Severity.Success);
        });
    }

    private async Task RemoveAsync(PoolKeyInfo key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Remove the key {0}?", key.Label],
            L["Leads are then answered with the other keys of the pool; with none left, they wait for you."],
            yesText: L["Remove"], cancelText: L["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            await PoolKeys.RemoveAsync(key.Id);
            await LoadAsync();
            Snackbar.Add(L["The key {0} is removed.", key.Label], Severity.Success);
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A change to the AI key pool failed");
            Snackbar.Add(L["The change failed; nothing was changed. Try again in a moment."], Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private string QuotaFormatError =>
        L["The daily quota is a whole number of requests from 1 to {0}; leave it empty for no quota.", Number(PoolKeyService.MaxRequestsPerDay)];

    /// <summary>Empty: no quota. Otherwise a whole number as typed in the page's language ("1.500" in Italian).</summary>
    private static bool TryReadQuota(string? text, out int? requestsPerDay)
    {
        requestsPerDay = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!CultureNumbers.TryParse(text, CultureInfo.CurrentCulture, out int number))
        {
            return false;
        }

        requestsPerDay = number;
        return true;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private sealed class AddForm
    {
        public string? Label { get; set; }

        public string? ApiKey { get; set; }

        public string? RequestsPerDay { get; set; }
    }
}
