using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>
/// The consultant's conversations: the list (<see cref="ConversationList"/>) and the open chat (<see cref="ChatPane"/>),
/// kept live by the dashboard's events. The page owns what both show: the list, the open conversation, the filter.
/// </summary>
public sealed partial class ConversationsPage : IAsyncDisposable
{
    private const int ListPageSize = 100;
    private const int CausesShown = 3;
    private const int ContactsShown = 5;
    private Guid consultantId;
    private List<ConversationListItem>? items;
    private readonly LatestLoad listLoads = new();
    private string? listError;
    private IReadOnlyList<ChatMessageView> failed = [];
    private IReadOnlyList<FailedSendCauses.Cause> failedCauses = [];
    private bool showFailedCauses; // the failed sends' banner: its summary line only, until the consultant asks why
    private IReadOnlyDictionary<Guid, string> failedNames = new Dictionary<Guid, string>();
    private IReadOnlyList<MessageTemplate> templates = [];
    private readonly ConversationListQuery query = new();
    private ConversationListItem? selected;
    private bool loadingChat;
    private ChatPane? chat;
    private bool sound;
    private string notificationPermission = "unsupported";
    private IAsyncDisposable? subscription;

    [Inject] private ServiceMessages Messages { get; set; } = null!;

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private AccountSettingsService AccountSettings { get; set; } = default!;
    [Inject] private MessageTemplates Templates { get; set; } = default!;
    [Inject] private DashboardEventRelay Relay { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<ConversationsPage> Logger { get; set; } = default!;

    [Parameter]
    public Guid? ConversationId { get; set; }

    /// <summary>A filter from a link (the Overview's numbers): all, unread, clients, leads, needsReply, newLeads, active, failed.</summary>
    [SupplyParameterFromQuery(Name = "filter")]
    public string? FilterQuery { get; set; }

    /// <summary>With newLeads, active or failed: today or week, in the consultant's time zone.</summary>
    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodQuery { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        subscription = await Relay.ListenAsync(consultantId, e => InvokeAsync(() => ApplyAsync(e)));
        await ApplyLinkAsync();
        await LoadListAsync();
        templates = await Templates.ListAsync(consultantId);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (items is not null && await ApplyLinkAsync())
        {
            await LoadListAsync();
        }

        if (selected?.Conversation.Id == ConversationId)
        {
            return;
        }

        selected = null;
        if (ConversationId is not { } id)
        {
            return;
        }

        loadingChat = true;
        try
        {
            selected = await Conversations.GetAsync(consultantId, id);
            await MarkReadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Conversation {ConversationId} could not be loaded", id);
            Snackbar.Add(L["The conversation could not be loaded. Try again in a moment."], Severity.Error);
        }
        finally
        {
            loadingChat = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            notificationPermission = await BrowserCalls.TryAsync(
                () => JS.InvokeAsync<string>("consultantDashboard.notificationPermission").AsTask(), "unsupported");
            StateHasChanged();
        }
    }

    private async Task LoadListAsync()
    {
        try
        {
            var (isLatest, page) = await listLoads.RunAsync(() => Conversations.ListAsync(consultantId, query.Filter, query.Search, 1, ListPageSize, query.Range));
            if (!isLatest)
            {
                return; // a later search or filter asked again: its answer is the one to show
            }

            items = page.Items.ToList();
            await LoadFailedAsync();
            listError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The conversation list ({Filter}) could not be loaded", query.Filter);
            listError = L["The conversations could not be loaded. Reload the page in a moment."];
        }
    }

    private async Task LoadFailedAsync()
    {
        failed = await Conversations.ListFailedAsync(consultantId);
        failedCauses = FailedSendCauses.Of(failed);
        var shown = failedCauses.Take(CausesShown).SelectMany(cause => cause.Contacts.Take(ContactsShown)).Select(contact => contact.ConversationId);
        failedNames = await Conversations.ContactNamesAsync(consultantId, shown.Distinct().ToList());
    }

    /// <summary>The contact by name; their number (written for people) or WhatsApp user id only when no name is known.</summary>
    private string FailedContact(FailedSendCauses.Contact contact) =>
        ContactDisplay.Name(failedNames.GetValueOrDefault(contact.ConversationId), contact.ContactPhone);

    private async Task SearchAsync(string value)
    {
        query.Search = value;
        await LoadListAsync();
    }

    private async Task FilterAsync(ConversationFilter value)
    {
        query.SetFilter(value);
        await LoadListAsync();
    }

    private Task<bool> ApplyLinkAsync() =>
        query.ApplyLinkAsync(FilterQuery, PeriodQuery, period => AccountSettings.GetRangeAsync(consultantId, period));

    /// <summary>A live event: patch the list and the open chat in place, without reloading.</summary>
    private async Task ApplyAsync(DashboardEvent e)
    {
        if (e.Message is { } message)
        {
            if (selected?.Conversation.Id == message.ConversationId)
            {
                chat?.Show(message);
            }

            if (MessageStatus.IsFailed(message.Status))
            {
                await LoadFailedAsync();
            }

            if (e.Name == DashboardEventNames.NewMessage)
            {
                await BrowserCalls.TryAsync(() => JS.InvokeAsync<bool>("consultantDashboard.notify", L["New WhatsApp message"].Value, message.Body, sound).AsTask(), false);
            }
        }

        if (e.Conversation is { } view)
        {
            UpdateListItem(view);
            if (selected?.Conversation.Id == view.Id)
            {
                await MarkReadAsync(); // open on screen: read as it arrives
            }
        }

        if (ConversationFilterLabels.JudgedByMessages(query.Filter))
        {
            await LoadListAsync(); // whether a conversation belongs depends on its messages' times: asked again
        }

        StateHasChanged();
    }

    private void UpdateListItem(ConversationView view)
    {
        // An event tells the contact's language (a detection, a choice in another tab); a view from a call may not.
        var language = LanguageChoice.FromStored(view.Language, view.LanguageSource);
        if (selected?.Conversation.Id == view.Id)
        {
            selected = selected with { Conversation = view, Language = language ?? selected.Language };
        }

        if (items is null)
        {
            return;
        }

        var index = items.FindIndex(i => i.Conversation.Id == view.Id);
        var item = index >= 0
            ? items[index] with { Conversation = view, Language = language ?? items[index].Language }
            : new ConversationListItem(view, [], null, language);
        if (index >= 0)
        {
            items.RemoveAt(index);
        }

        if (query.Keeps(view, selected?.Conversation.Id))
        {
            items.Add(item);
            items = items.OrderByDescending(i => i.Conversation.LastMessageAt).ToList();
        }
    }

    private async Task MarkReadAsync()
    {
        if (selected is { Conversation.UnreadCount: > 0 } && await Conversations.MarkReadAsync(consultantId, selected.Conversation.Id) is { } view)
        {
            UpdateListItem(view);
        }
    }

    /// <summary>Tags, notes or the linked client changed in the chat: the list shows it too.</summary>
    private void ItemChanged(ConversationListItem saved)
    {
        selected = saved;
        var index = items?.FindIndex(i => i.Conversation.Id == saved.Conversation.Id) ?? -1;
        if (index >= 0)
        {
            items![index] = saved;
        }
    }

    private async Task AskNotificationsAsync() =>
        notificationPermission = await JS.InvokeAsync<string>("consultantDashboard.askNotificationPermission");

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
    }
}
