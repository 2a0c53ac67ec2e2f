using Microsoft.AspNetCore.Components;
using Consultant.Api.Auth;
using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Conversations;
using Consultant.Grains.Demo;
using Consultant.Grains.Hooks;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Consultant.Grains.Settings;
using Consultant.Grains.Storage;
using Consultant.Grains.Twilio;
using Consultant.Grains;
using Consultant.Web.Accounts;
using Consultant.Web.Admin;
using Consultant.Web.Analytics;
using Consultant.Web.Calendar;
using Consultant.Web.Clients;
using Consultant.Web.Inbox;
using Consultant.Web.Layout;
using Consultant.Web.Localization;
using Consultant.Web.Overview;
using Consultant.Web.Settings;
using Consultant.Web.Shared;
using Consultant.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;
using System.Globalization;
using System.Net.Http;
using static Microsoft.AspNetCore.Components.Web.RenderMode;

namespace Consultant.Web.Simulator;

/// <summary>The simulator page's state and handlers (the markup is in Simulator.razor).</summary>
public sealed partial class Simulator
{
    private const string NewLead = "lead";
    private Guid consultantId;
    private IReadOnlyList<Client> clients = [];
    private string who = NewLead;
    private string defaultCountry = "IT";
    private string leadPhone = string.Empty;
    private string? phoneError; // at the lead's number: why it cannot be written from
    private string? draftError; // at the message box
    private string? leadName;
    private readonly ChatMessageList messages = new(); // a reload merges: what came live while it ran stays
    private string? draft;
    private MudTextField<string>? draftField;
    private string? loadError;
    private bool sending;
    private bool waiting;
    private string? problem; // why the assistant did not answer (or that it handed over), as the consultant is told
    private bool scrollToBottom;
    private ElementReference messagesElement;
    private IAsyncDisposable? subscription;
    private ChatMessageView? openList; // a list question whose sheet is open
    private string? previewName; // the flow previewed (opened from the Guided flows page)
    private (string Phone, DateTimeOffset From)? previewRun; // the preview lead's messages shown: this run's, from its start
    private bool introOpen; // on a phone the introduction is shown on asking (app.css); wider screens always show it
    private AiAnswerStatus? aiAnswers; // whether a key can answer the leads and the clients written as (null: not known)

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>A simulated lead to open (the Guided flows page's preview started a flow there).</summary>
    [SupplyParameterFromQuery(Name = "lead")]
    public string? Lead { get; set; }

    /// <summary>The flow the Guided flows page previews on that lead.</summary>
    [SupplyParameterFromQuery(Name = "flow")]
    public Guid? FlowId { get; set; }

    private string Phone => who == NewLead ? leadPhone.Trim() : who;

    /// <summary>Why the AI cannot answer the contact written as (the Overview's decision); None when it can, or in a flow's preview (the flow asks).</summary>
    private AiAnswerBlock AiBlock => previewName is null ? aiAnswers?.For(forClient: who != NewLead) ?? AiAnswerBlock.None : AiAnswerBlock.None;

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        defaultCountry = await AccountSettings.GetDefaultCountryAsync(consultantId);
        // The page is usable from its first render: a number typed meanwhile is kept, and the events are heard before
        // anything slower is read (a message sent while this ran must not go to another number or pass unheard).
        leadPhone = Lead ?? (leadPhone.Length > 0 ? leadPhone : PhoneNumberNormalizer.ExampleNumber(defaultCountry, Random.Shared.Next(100)));
        subscription = await Relay.ListenAsync(consultantId, e => InvokeAsync(() => Apply(e)));
        aiAnswers = await AiAnswers.TryGetAsync(consultantId);
        try
        {
            clients = (await Clients.ListAsync(consultantId, null, 1, 200)).Items;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The clients could not be loaded for the simulator");
            loadError = L["Your clients could not be loaded; you can still write as a new lead."];
        }

        if (Lead is not null && FlowId is { } flowId)
        {
            previewName = (await Flows.GetAsync(consultantId, flowId))?.Name;
            await ShowPreviewRunAsync(flowId);
        }

        if (Lead is not null)
        {
            await LoadAsync(); // the flow's first question is there already
        }
    }

    /// <summary>The preview lead's earlier runs stay in its history, but the preview shows the run going on (from its start).</summary>
    private async Task ShowPreviewRunAsync(Guid flowId)
    {
        if (!PhoneNumberNormalizer.TryNormalize(Phone, out var phone, defaultCountry))
        {
            return;
        }

        var running = (await Flows.GetConversationFlowAsync(consultantId, SimulatedConversationId(phone))).Value;
        previewRun = running is { StartedAt: { } startedAt } && running.FlowId == flowId ? (phone, startedAt) : null;
    }

    /// <summary>The preview again from its first question: the same test lead afresh, not another lead.</summary>
    private async Task RestartPreviewAsync()
    {
        sending = true;
        try
        {
            var restartOf = PhoneNumberNormalizer.TryNormalize(Phone, out var current, defaultCountry) && who == NewLead ? current : null;
            var (phone, startedAt, problem) = restartOf is null
                ? await Preview.StartAsync(consultantId, FlowId!.Value, defaultCountry, CancellationToken.None)
                : await Preview.RestartAsync(consultantId, FlowId!.Value, restartOf, CancellationToken.None);
            if (problem is not null)
            {
                Snackbar.Add(L["The preview could not start again: {0}", Messages.Translate(problem)], Severity.Error);
                return;
            }

            (who, leadPhone, openList) = (NewLead, phone, null);
            previewRun = startedAt is { } start ? (phone, start) : null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A flow's preview could not start again");
            Snackbar.Add(L["The message could not be delivered to the pipeline. Try again in a moment."], Severity.Error);
        }
        finally
        {
            sending = false;
        }
    }

    private async Task ChooseFromListAsync(InteractiveOption option)
    {
        openList = null;
        await TapAsync(option);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (scrollToBottom)
        {
            scrollToBottom = false;
            try
            {
                await JS.InvokeVoidAsync("consultantDashboard.scrollToBottom", messagesElement);
            }
            catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // Scrolling is a convenience: never take the page down for it.
            }
        }
    }

    private async Task ChooseAsync(string value)
    {
        who = value;
        phoneError = null;
        await LoadAsync();
    }

    /// <summary>A number that is not one is said at the field as soon as it is left, not only when sending.</summary>
    private Task LeadNumberChangedAsync()
    {
        phoneError = string.IsNullOrWhiteSpace(leadPhone) || PhoneNumberNormalizer.TryNormalize(leadPhone, out _, defaultCountry)
            ? null
            : NotAPhoneNumber();
        return LoadAsync();
    }

    private string NotAPhoneNumber() =>
        L["Not a phone number: type + and the country code, or a number of your country ({0}).", defaultCountry];

    /// <summary>The conversation so far, as this contact sees it.</summary>
    private async Task LoadAsync()
    {
        var load = messages.BeginLoad();
        (waiting, problem) = (false, null);
        if (!PhoneNumberNormalizer.TryNormalize(Phone, out var phone, defaultCountry))
        {
            return;
        }

        var page = await Conversations.GetMessagesAsync(consultantId, SimulatedConversationId(phone), null, 50);
        messages.Merge(load, page?.Items.Reverse().Where(m => ShownInPreview(phone, m)) ?? []);
        scrollToBottom = true;
    }

    private void Apply(DashboardEvent e)
    {
        if (!PhoneNumberNormalizer.TryNormalize(Phone, out var phone, defaultCountry))
        {
            return;
        }

        var conversationId = SimulatedConversationId(phone);
        if (e.Conversation is { } view && view.Id == conversationId)
        {
            var before = problem;
            problem = !view.NeedsReply ? null
                // The assistant did answer a hand-off ("the consultant will answer you"): "did not answer" would contradict it.
                : view.NeedsReplyReason == NoReplyReasons.AskedForYou ? L["The contact asked to talk to you: the assistant said you will answer."].Value
                : Messages.TranslateOrNull(view.NeedsReplyReason) is { } reason ? L["The assistant did not answer: {0}", reason].Value
                : null;
            waiting &= !view.NeedsReply;
            // The warning is the newest thing in the chat: brought into view like a new message.
            scrollToBottom |= problem is not null && problem != before;
            StateHasChanged();
        }

        if (e.Message is not { } message || message.ConversationId != conversationId || !ShownInPreview(phone, message))
        {
            return;
        }

        messages.AddLive(message);
        waiting &= message.Direction == "inbound";
        scrollToBottom = true;
        StateHasChanged();
    }

    private async Task DraftKeyAsync(KeyboardEventArgs args)
    {
        if (args is { Key: "Enter", ShiftKey: false })
        {
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        if (string.IsNullOrWhiteSpace(draft) || sending)
        {
            return;
        }

        sending = true;
        (phoneError, draftError) = (null, null);
        var text = draft;
        try
        {
            await SetDraftAsync(null);
            var result = await Conversations.SimulateInboundAsync(consultantId, Phone, text, who == NewLead ? leadName : null);
            if (result.Value is { } stored)
            {
                Show(stored);
            }
            else
            {
                await RestoreDraftAsync(text);
                var errors = result.Errors.ToDictionary();
                phoneError = errors.ContainsKey("phone") ? NotAPhoneNumber() : null;
                draftError = errors.TryGetValue("text", out var textErrors) ? string.Join(" ", textErrors.Select(Messages.Translate)) : null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A simulated message could not be handed to the pipeline");
            await RestoreDraftAsync(text);
            Snackbar.Add(L["The message could not be delivered to the pipeline. Try again in a moment."], Severity.Error);
        }
        finally
        {
            sending = false;
        }
    }

    /// <summary>A tap on an interactive question's option: its title as the text and its id as the payload, as Twilio sends a tap.</summary>
    private async Task TapAsync(InteractiveOption option)
    {
        if (sending)
        {
            return;
        }

        sending = true;
        try
        {
            var result = await Conversations.SimulateInboundAsync(consultantId, Phone, option.Title, who == NewLead ? leadName : null, option.Id);
            if (result.Value is { } stored)
            {
                Show(stored);
            }
            else
            {
                phoneError = result.Errors.ToDictionary().ContainsKey("phone") ? NotAPhoneNumber() : null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "A simulated tap could not be handed to the pipeline");
            Snackbar.Add(L["The message could not be delivered to the pipeline. Try again in a moment."], Severity.Error);
        }
        finally
        {
            sending = false;
        }
    }

    /// <summary>The contact's message just stored (the live event may have brought it already).</summary>
    private void Show(ChatMessageView stored)
    {
        messages.AddSent(stored);
        waiting = true;
        scrollToBottom = true;
    }

    /// <summary>Through the box itself: MudBlazor leaves a focused box's text as typed when only its value changes.</summary>
    private async Task SetDraftAsync(string? text)
    {
        draft = text;
        if (draftField is not null)
        {
            await (text is null ? draftField.ClearAsync() : draftField.SetTextAsync(text));
        }
    }

    /// <summary>A message that did not go gives its text back, unless a new one was started meanwhile.</summary>
    private async Task RestoreDraftAsync(string? text)
    {
        if (string.IsNullOrEmpty(draft))
        {
            await SetDraftAsync(text);
        }
    }

    /// <summary>Any message of a contact; of the preview lead, only the run going on.</summary>
    private bool ShownInPreview(string phone, ChatMessageView message) =>
        previewRun is not { } run || run.Phone != phone || message.CreatedAt >= run.From;

    private Guid SimulatedConversationId(string phone) => ConversationKey.IdFor(consultantId, ConversationKey.Simulated(phone));

    private string Title() => who == NewLead
        ? (string.IsNullOrWhiteSpace(leadName) ? leadPhone : leadName)
        : clients.FirstOrDefault(c => c.Phone == who)?.Name ?? who;

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
    }
}
