using System.Text.Json;
using Consultant.Grains.Accounts;
using Consultant.Grains.Flows;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;

namespace Consultant.Web.Flows;

/// <summary>
/// The consultant's guided flows (the built-in one until they save their own): one edited at a time, saved through
/// <see cref="FlowService"/>, whose refusals are shown at the step and field they name and in a summary; deleted after
/// a confirmation; previewed on a new simulated lead.
/// </summary>
public sealed partial class FlowsPage
{
    private Guid consultantId;
    private IReadOnlyList<FlowDefinition> flows = [];
    private FlowForm? form;
    private string? savedJson; // the selected flow as saved; null for a new one
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private bool showLanguages;
    private bool showAdvanced; // the step and answer ids
    private bool scrollToError; // after a refused save, once rendered
    private MudBlazor.Snackbar? resultToast; // the last save's "Saved", "Not saved" or "Could not save": the next save's replaces it
    private bool busy;
    private string? loadError;
    private FlowStepNames? stepNames; // for the flow open: its steps named by their number
    private UnsavedChangesGuard? guard; // asks before another tab or a new flow drops the edits, as before leaving the page

    [Inject] private FlowService Flows { get; set; } = null!;
    [Inject] private FlowPreview Preview { get; set; } = null!;
    [Inject] private AccountSettingsService AccountSettings { get; set; } = null!;
    [Inject] private ServiceMessages ServiceMessages { get; set; } = null!;
    [Inject] private Refusals Refusals { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<FlowsPage> Logger { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>The flow to open (the simulator's "Back to the flow").</summary>
    [SupplyParameterFromQuery(Name = "flow")]
    public Guid? FlowId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool IsSaved => form is not null && flows.Any(f => f.Id == form.Id);

    private bool CanPreview => IsSaved && !HasUnsavedChanges;

    /// <summary>The flow differs from the one saved (a flow not saved yet at all counts as changed): marked, and leaving asks first.</summary>
    private bool HasUnsavedChanges => form is not null && savedJson != Json(form.ToDefinition());

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        try
        {
            flows = await Flows.ListAsync(consultantId);
            Select(flows.FirstOrDefault(f => f.Id == FlowId)?.Id ?? flows.FirstOrDefault(f => f.StartsForNewLeads)?.Id ?? flows[0].Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The guided flows could not be loaded");
            loadError = L["Your flows could not be loaded. Reload the page in a moment."];
        }
    }

    /// <summary>The saved flows, and the new one being written.</summary>
    private IEnumerable<FlowDefinition> Tabs() =>
        form is null || IsSaved ? flows : flows.Append(form.ToDefinition() with { Name = string.IsNullOrWhiteSpace(form.Name) ? L["New flow"] : form.Name });

    private void Select(Guid id)
    {
        if (flows.FirstOrDefault(f => f.Id == id) is not { } flow)
        {
            return;
        }

        form = FlowForm.From(flow);
        savedJson = Json(form.ToDefinition());
        errors = new Dictionary<string, string[]>();
    }

    /// <summary>Another flow's tab: the edited one is dropped only when the consultant says so (as when leaving the page).</summary>
    private async Task OpenAsync(Guid id)
    {
        if (id != form?.Id && await MayDropChangesAsync())
        {
            Select(id);
        }
    }

    /// <summary>A new flow to write, after asking when the one open has edits not saved.</summary>
    private async Task AddFlowAsync()
    {
        if (!await MayDropChangesAsync())
        {
            return;
        }

        form = FlowForm.New(L["New flow"]);
        savedJson = null;
        errors = new Dictionary<string, string[]>();
    }

    /// <summary>Nothing unsaved, or the consultant chose to lose it; "Stay" keeps the flow as edited.</summary>
    private async Task<bool> MayDropChangesAsync() => !HasUnsavedChanges || guard is null || await guard.AskToLeaveAsync();

    private void AddStep() => form!.Steps.Add(new StepForm { Id = form.FreeStepId(), AnswerType = FlowAnswerType.FreeText });

    private void RemoveStep(StepForm step) => form!.Remove(step);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>A field's messages with the steps named as the page shows them (an id only under Advanced).</summary>
    private IReadOnlyList<string> Messages(string field) =>
        errors.TryGetValue(field, out var messages) ? messages.Select(StepNames.InWords).ToList() : [];

    /// <summary>The steps by their number in the list, as the editor heads them (the list may have been reordered since the save).</summary>
    private FlowStepNames StepNames => stepNames is { } names && names.Form == form ? names : stepNames = new(form!, ServiceMessages, L);

    /// <summary>
    /// What the summary at the top lists and the toast counts: every mistake once, the flow's own (its name) as well as
    /// the steps' (a long flow has those far below), each step named by its number.
    /// </summary>
    private IReadOnlyList<string> Mistakes() => form is null ? [] : StepNames.Summary(errors);

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var result = await Flows.SaveAsync(consultantId, form!.ToDefinition());
            if (result.Value is { } saved)
            {
                flows = await Flows.ListAsync(consultantId);
                Select(saved.Id);
                CloseResultToast();
                resultToast = Snackbar.Add(L["Saved"], Severity.Success);
            }
            else
            {
                Refused(ServiceMessages.Translate(result.Errors.ToDictionary()));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Guided flow {FlowId} could not be saved", form?.Id);
            CloseResultToast(); // an earlier "Saved" no longer holds; a save failing again and again says so once
            resultToast = Snackbar.Add(L["Could not save: try again in a moment."], Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>A refused save said where the consultant looks: a toast with the count (an earlier "Saved" gone), the first field in error in view.</summary>
    private void Refused(IDictionary<string, string[]> refusal)
    {
        errors = refusal;
        // An id is only shown under Advanced: open it when an id is at fault.
        showAdvanced |= errors.Keys.Any(key => key.EndsWith(".id", StringComparison.Ordinal) || key.EndsWith("steps", StringComparison.Ordinal));
        CloseResultToast();
        resultToast = Snackbar.Add(Refusals.Toast(Mistakes().Count), Severity.Error);
        scrollToError = true;
    }

    private void CloseResultToast()
    {
        if (resultToast is not null)
        {
            Snackbar.Remove(resultToast);
            resultToast = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!scrollToError)
        {
            return;
        }

        scrollToError = false;
        try
        {
            await JS.InvokeAsync<bool>("consultantDashboard.scrollToFirst", (object)FirstErrorSelectors);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Scrolling is a convenience: the summary and the toast say it anyway.
        }
    }

    /// <summary>A field in error on the page, else a step's own errors, else the summary at the top.</summary>
    private static readonly string[] FirstErrorSelectors =
    [
        "[data-testid=flow-editor] .mud-input-error, [data-testid=flow-editor] .validation-message, [data-testid=flow-step] .mud-input-error, [data-testid=flow-step] .validation-message, [data-testid=step-errors]",
        "[data-testid=flow-errors]",
    ];

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete this flow?"],
            L["\"{0}\" is deleted. Leads in it now get normal answers. When no flow is left, the built-in one comes back.", form!.Name],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Flows.DeleteAsync(consultantId, form.Id);
            flows = result.Value?.Flows ?? await Flows.ListAsync(consultantId);
            Select(flows.FirstOrDefault(f => f.StartsForNewLeads)?.Id ?? flows[0].Id);
            Snackbar.Add(L["Flow deleted."], Severity.Success);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Guided flow {FlowId} could not be deleted", form?.Id);
            Snackbar.Add(L["Could not delete: try again in a moment."], Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task PreviewAsync()
    {
        busy = true;
        try
        {
            var country = await AccountSettings.GetDefaultCountryAsync(consultantId);
            var (phone, _, problem) = await Preview.StartAsync(consultantId, form!.Id, country, CancellationToken.None);
            if (problem is not null)
            {
                Snackbar.Add(L["The preview could not start: {0}", ServiceMessages.Translate(problem)], Severity.Error);
                return;
            }

            Navigation.NavigateTo($"/simulator?lead={Uri.EscapeDataString(phone)}&flow={form.Id}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Guided flow {FlowId} could not be previewed", form?.Id);
            Snackbar.Add(L["The preview could not start. Try again in a moment."], Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private static string Json(FlowDefinition flow) => JsonSerializer.Serialize(flow, FlowJson.Options);
}
