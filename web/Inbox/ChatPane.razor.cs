using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Outbound;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;

namespace Consultant.Web.Inbox;

/// <summary>
/// One open conversation (the page gives each conversation its own pane): its messages, loaded newest first and
/// older ones on scrolling up, kept live by <see cref="Show"/> (<see cref="ChatMessageList"/>: a live message that comes while
/// they load is kept); the composer for the window WhatsApp allows.
/// </summary>
public sealed partial class ChatPane : IDisposable
{
    private const int MessagePageSize = 50;
    private readonly ChatMessageList messages = new();
    private Guid? olderCursor;
    private bool loaded;
    private bool showDetails;
    private int flowVersion; // bumped when the details start or stop a flow: the header's flow chip reads it again
    private bool scrollToBottom;
    private ElementReference messagesElement;
    private DotNetObjectReference<ChatPane>? self;
    private AiAnswerStatus? aiAnswers; // whether a key can answer this consultant's leads and clients; null: not known

    [Inject] private ServiceMessages Messages { get; set; } = null!;

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private AiAnswerCheck AiAnswers { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ChatPane> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid ConsultantId { get; set; }

    [Parameter, EditorRequired]
    public ConversationListItem Item { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<MessageTemplate> Templates { get; set; } = [];

    /// <summary>Tags, notes or the linked client were saved.</summary>
    [Parameter]
    public EventCallback<ConversationListItem> ItemChanged { get; set; }

    /// <summary>The conversation changed here (the AI switch).</summary>
    [Parameter]
    public EventCallback<ConversationView> ConversationChanged { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        aiAnswers = await AiAnswers.TryGetAsync(ConsultantId);
        var load = messages.BeginLoad();
        try
        {
            if (await Conversations.GetMessagesAsync(ConsultantId, Item.Conversation.Id, null, MessagePageSize) is { } page)
            {
                messages.Merge(load, page.Items.Reverse());
                olderCursor = page.NextBefore;
                scrollToBottom = true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The messages of conversation {ConversationId} could not be loaded", Item.Conversation.Id);
            Snackbar.Add(L["The conversation could not be loaded. Try again in a moment."], Severity.Error);
        }
        finally
        {
            loaded = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        self ??= DotNetObjectReference.Create(this);
        if (scrollToBottom)
        {
            scrollToBottom = false;
            await BrowserCalls.TryAsync(async () =>
            {
                await JS.InvokeVoidAsync("consultantDashboard.scrollToBottom", messagesElement);
                await JS.InvokeVoidAsync("consultantDashboard.watchTop", messagesElement, self);
                await JS.InvokeVoidAsync("consultantDashboard.followBottom", messagesElement);
                return true;
            }, false);
        }
    }

    /// <summary>
    /// A live message of this conversation: a new one is added at the bottom, a known one (its status) updated, a try
    /// replaced by its retry taken away (the chat shows a broadcast once, as its latest try).
    /// </summary>
    public void Show(ChatMessageView message)
    {
        scrollToBottom |= messages.AddLive(message);
        StateHasChanged();
    }

    /// <summary>Sent from the composer (its event may have come first).</summary>
    private void Add(ChatMessageView sent)
    {
        messages.AddSent(sent);
        scrollToBottom = true;
    }

    [JSInvokable]
    public async Task LoadOlderAsync()
    {
        if (olderCursor is null)
        {
            return;
        }

        var height = await JS.InvokeAsync<double>("consultantDashboard.scrollHeight", messagesElement);
        var page = await Conversations.GetMessagesAsync(ConsultantId, Item.Conversation.Id, olderCursor, MessagePageSize);
        if (page is null)
        {
            return;
        }

        messages.AddOlder(page.Items.Reverse());
        olderCursor = page.NextBefore;
        StateHasChanged();
        await Task.Yield();
        await JS.InvokeVoidAsync("consultantDashboard.keepPosition", messagesElement, height);
    }

    /// <summary>Why the AI cannot answer this contact (the Overview's decision, for a lead or a client); None when it can or it is not known.</summary>
    private AiAnswerBlock AiBlock(ConversationView c) => aiAnswers?.For(forClient: !c.IsLead) ?? AiAnswerBlock.None;

    private async Task ToggleAiAsync(bool enabled)
    {
        var by = await CurrentConsultant.GetNameAsync(AuthenticationState);
        if (await Conversations.SetAiEnabledAsync(ConsultantId, Item.Conversation.Id, enabled, by) is { } view)
        {
            await ConversationChanged.InvokeAsync(view);
            Snackbar.Add(enabled ? L["The AI answers this conversation again."] : L["AI off: this conversation waits for you."], Severity.Info);
        }
    }

    private async Task ClearNeedsReplyAsync()
    {
        if (await Conversations.ClearNeedsReplyAsync(ConsultantId, Item.Conversation.Id) is { } view)
        {
            await ConversationChanged.InvokeAsync(view);
        }
    }

    /// <summary>The contact's name, or their number written for people when they have none (as the Calendar names them).</summary>
    private static string ContactTitle(ConversationView c) => ContactDisplay.Name(c.DisplayName, c.ContactPhone);

    /// <summary>
    /// Under the title: the number once, only when the title is not already it (a WhatsApp user id says what it is),
    /// then lead or client, and the simulator's mark.
    /// </summary>
    private string ContactLine(ConversationView c)
    {
        var number = ContactDisplay.Number(c.ContactPhone);
        var parts = new List<string>();
        if (ContactAddress.IsBsuid(c.ContactPhone))
        {
            parts.Add(number == ContactTitle(c) ? L["WhatsApp user id"] : $"{L["WhatsApp user id"]} {number}");
        }
        else if (number != ContactTitle(c))
        {
            parts.Add(number);
        }

        parts.Add(c.IsLead ? L["Lead"] : L["Client"]);
        if (ConversationKey.IsSimulated(c.ContactPhone))
        {
            parts.Add(L["Simulator"]);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>WhatsApp's 24-hour window for free-form messages, as the consultant needs to know it.</summary>
    private string WindowText(ConversationView c)
    {
        if (WhatsAppWindow.ClosesAt(c) is not { } closes)
        {
            return string.Empty;
        }

        var now = Time.GetUtcNow();
        return closes <= now ? L["24-hour window closed: only templates"] : L["Window: {0} h left", Math.Ceiling((closes - now).TotalHours)];
    }

    public void Dispose() => self?.Dispose();
}
