using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.FollowUps;
using Consultant.Grains.Inbox;
using Consultant.Grains.Messages;
using Consultant.Web.Localization;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Consultant.Web.FollowUps;

/// <summary>
/// The follow-up rules (one card each, saved together, the service's errors at their fields, a preview for a chosen
/// conversation), the upcoming queue with cancel and the history. A follow-up going out or a contact writing updates
/// the queue and the history live.
/// </summary>
public sealed partial class FollowUpsPage
{
    private static readonly TimeSpan ReplyRatePeriod = TimeSpan.FromDays(30);
    private const int PreviewChoices = 50;

    private Guid consultantId;
    private List<FollowUpRuleForm>? forms;
    private FollowUpRuleSet? savedRules;
    private IReadOnlyList<FollowUpReplyRate> replyRates = [];
    private List<(Guid? Id, string Name)> previewChoices = [];
    private Guid? previewFor;
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private bool saving;
    private string? loadError;
    private FollowUpList? queue;
    private FollowUpList? history;
    private IAsyncDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private FollowUpService FollowUps { get; set; } = null!;
    [Inject] private ConversationService Conversations { get; set; } = null!;
    [Inject] private DashboardEventRelay Relay { get; set; } = null!;
    [Inject] private ConsultantClock Clock { get; set; } = null!;
    [Inject] private ServiceMessages Messages { get; set; } = null!;
    [Inject] private Refusals Refusals { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private ILogger<FollowUpsPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        await Clock.LoadAsync(consultantId);
        try
        {
            var rules = await FollowUps.GetRulesAsync(consultantId);
            var now = Time.GetUtcNow();
            replyRates = await FollowUps.ReplyRatesAsync(consultantId, new TimeRange(now - ReplyRatePeriod, now));
            var recent = await Conversations.ListAsync(consultantId, ConversationFilter.All, null, 1, PreviewChoices);
            previewChoices = recent.Items
                .Select(item => ((Guid?)item.Conversation.Id, FollowUpWords.PreviewChoice(L, item.Conversation)))
                .ToList();
            savedRules = rules;
            forms = rules.Rules.Select(FollowUpRuleForm.From).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The follow-up rules could not be loaded");
            loadError = L["The follow-ups could not be loaded. Reload the page in a moment."];
            return;
        }

        subscription = await Relay.ListenAsync(consultantId, dashboardEvent => InvokeAsync(() => OnEventAsync(dashboardEvent)));
    }

    /// <summary>
    /// A follow-up went out; or a conversation changed (told after its hooks ran: a contact who wrote has their nudges
    /// cancelled, an answer plans the next): the queue and history as they are now.
    /// </summary>
    private async Task OnEventAsync(DashboardEvent dashboardEvent)
    {
        var followUpSent = dashboardEvent is { Name: DashboardEventNames.NewMessage, Message.Origin: MessageOrigin.FollowUp };
        if (followUpSent || dashboardEvent.Name == DashboardEventNames.ConversationUpdated)
        {
            await ReloadListsAsync();
        }
    }

    private async Task ReloadListsAsync()
    {
        if (queue is not null)
        {
            await queue.ReloadAsync();
        }

        if (history is not null)
        {
            await history.ReloadAsync();
        }
    }

    private async Task HistoryChangedAsync()
    {
        if (history is not null)
        {
            await history.ReloadAsync();
        }
    }

    private async Task SaveAsync()
    {
        if (forms is null)
        {
            return;
        }

        saving = true;
        try
        {
            var result = await FollowUps.SaveRulesAsync(consultantId, forms.Select(form => form.ToRule()).ToList());
            if (result.Value is { } saved)
            {
                errors = new Dictionary<string, string[]>();
                savedRules = saved;
                forms = saved.Rules.Select(FollowUpRuleForm.From).ToList();
                Snackbar.Add(L["Rules saved."], Severity.Success);
                if (queue is not null)
                {
                    await queue.ReloadAsync(); // a rule switched off cancels its upcoming ones; a new delay moves them
                }

                await HistoryChangedAsync();
            }
            else
            {
                // As on the Guided flows and Broadcasts pages: each mistake at its field, all of them at the top, the toast counting them.
                errors = result.Errors.ToDictionary();
                Snackbar.Add(Refusals.Toast(Mistakes().Count), Severity.Error);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The follow-up rules could not be saved");
            Snackbar.Add(L["The rules could not be saved. Try again in a moment."], Severity.Error);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>A card whose rule differs from the saved one (a rule not saved yet at all counts as changed).</summary>
    private bool IsUnsaved(FollowUpRuleForm form) =>
        savedRules?.Rules.FirstOrDefault(rule => rule.Key == form.Key) is not { } saved || form.DiffersFrom(saved);

    private bool HasUnsavedChanges => forms?.Any(IsUnsaved) == true;

    private string PreviewName(Guid? id) => previewChoices.FirstOrDefault(choice => choice.Id == id).Name ?? string.Empty;

    /// <summary>The last save's mistakes, every rule's and the list's as a whole: what the summary at the top lists and the toast counts.</summary>
    private IReadOnlyList<string> Mistakes() => forms is null ? [] : FollowUpMistakes.Summary(L, Messages, errors, forms);

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
    }
}
