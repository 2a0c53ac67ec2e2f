using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Flows;
using Consultant.Grains.Hooks;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Consultant.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

/// <summary>
/// One conversation's state machine: inbound messages are stored and buffered; its <see cref="AnsweringLoop"/>, a
/// one-shot timer re-armed by every message, answers the whole burst once. What the webhook's acknowledgement waits
/// for is <see cref="AcknowledgementOptions"/>'s: with the table as the buffer only the message row (the state is
/// written when a batch starts, and an activation takes back from the table what it does not hold), with the list row
/// after it neither the capabilities' hooks nor the row (<see cref="AfterTheTurn"/>). State writes are serialised by <see cref="saving"/>,
/// list-row writes by <see cref="writingListRow"/> (the timer callback interleaves). Timers die with a silo: the recovery sweep
/// (<see cref="IRecoverySweepGrain"/>) wakes a conversation whose messages stay unhandled. The transitions are
/// <see cref="ConversationState"/>'s; <see cref="ConsultantMessageSender"/> sends by hand,
/// <see cref="InboundMediaWork"/> fetches media, and <see cref="ConversationPublisher"/> tells the dashboards and the
/// capabilities (the hooks) of every change.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Conversations)] IPersistentState<ConversationState> state,
    ConversationGrainServices services) : Grain, IConversationGrain, IAnsweringConversation, AfterTheTurn.IWork
{
    private readonly OneAtATime saving = new();
    private readonly OneAtATime writingListRow = new();
    private bool storedStateRecordsWork; // whether the state's stored copy holds pending messages, a batch or an opt-out change
    private bool tableMayHoldUnbuffered; // a receive of this activation failed, perhaps after storing its message
    private AnsweringLoop loop = null!;
    private AfterTheTurn afterTheTurn = null!;
    private Guid consultantId;
    private string phone = string.Empty;
    private string? forwardTo; // this address is an alias of that conversation's (ContactDirectory)

    private ConversationState State => state.State;

    // The shared services by the names the grain's code uses: properties, so no field of their own in each activation.
    private InboundMessageStore inbound => services.Inbound;

    private ContactDirectory contacts => services.Contacts;

    private ClientRepository clients => services.Clients;

    private ConsultantMessageSender consultantMessages => services.ConsultantMessages;

    private AutomatedMessageSender automatedMessages => services.AutomatedMessages;

    private InboundMediaWork inboundMedia => services.InboundMedia;

    private FlowStarter flowStarter => services.FlowStarter;

    private ConversationPublisher publisher => services.Publisher;

    private IOptions<AcknowledgementOptions> acknowledgement => services.Acknowledgement;

    private TimeProvider time => services.Time;

    private ILogger<ConversationGrain> logger => services.Logger;

    Guid IAnsweringConversation.ConsultantId => consultantId;

    string IAnsweringConversation.Phone => phone;

    ConversationState IAnsweringConversation.State => State;

    private bool TableIsTheBuffer => acknowledgement.Value.MessagesTableIsTheBuffer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        AcknowledgementPath.Enter(); // mostly for a new conversation's first message, whose acknowledgement waits
        (consultantId, phone) = ConversationKey.Parse(this.GetPrimaryKeyString());
        loop = ActivatorUtilities.CreateInstance<AnsweringLoop>(ServiceProvider, (IAnsweringConversation)this);
        afterTheTurn = new AfterTheTurn(this, logger);
        storedStateRecordsWork = State.RecordsWork;

        // Read side by side (one shared round trip, not three in a row): whose alias this address is, who the contact
        // is for a conversation's first message, and what the table holds that the state does not (its last write
        // holds what it held then; what was acknowledged after it is in the table only).
        var aliasTarget = contacts.AliasTargetAsync(consultantId, phone);
        var contact = State.Initialized ? null : clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone));
        var unhandled = TableIsTheBuffer ? inbound.GetUnhandledInboundAsync(consultantId, phone) : null;
        if (contact is not null)
        {
            State.Identify(await contact, time.GetUtcNow());
        }

        if (unhandled is not null)
        {
            await TakeBackAsync(await unhandled);
        }

        forwardTo = await aliasTarget;

        loop.ArmIfWorkWaits();
    }

    public async Task<ReceiveOutcome> ReceiveAsync(InboundWhatsAppMessage message)
    {
        AcknowledgementPath.Enter(); // a webhook's, the poller's or the simulator's acknowledgement waits for this turn
        if (forwardTo is not null)
        {
            return await GrainFactory.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, forwardTo)).ReceiveAsync(message);
        }

        try
        {
            return await ReceiveOnceAsync(message);
        }
        catch when (TableIsTheBuffer)
        {
            // The row may be stored without being buffered: the answering loop looks at the table before its next batch,
            // and is armed for it (Twilio may not retry the webhook; nothing else would wake it before the sweep).
            tableMayHoldUnbuffered = true;
            loop.ArmAfterFailedReceive();
            throw;
        }
    }

    private async Task<ReceiveOutcome> ReceiveOnceAsync(InboundWhatsAppMessage message)
    {
        if (!State.Initialized)
        {
            await IdentifyContactAsync();
        }

        var (row, inserted) = await inbound.InsertInboundAsync(
            consultantId, phone, State.IsLead ? MessageSender.Lead : MessageSender.Client, message.Body, message.MessageSid,
            Math.Max(message.NumMedia, message.Media.Count), message.ProfileName, message.WaId, message.ReceivedAt, MessageChannel.Of(phone),
            message.ButtonPayload);
        if (!inserted && (row.BatchId is not null || State.Holds(row.Id)))
        {
            return ReceiveOutcome.Duplicate;
        }

        // Not inserted but not held either: a previous attempt stored the row and failed before buffering it (or its
        // activation died before writing the state). The answering loop may take it from the table meanwhile.
        var mediaIds = await inboundMedia.RecordAsync(consultantId, row.Id, message.Media);
        var takenBackMeanwhile = State.Holds(row.Id);
        var (burstStarts, optOutChanged) = takenBackMeanwhile ? (false, false) : State.Buffer(row.Id, message, time.GetUtcNow());
        if (optOutChanged && State.OptedOut)
        {
            loop.CancelReplyInPreparation(); // nothing automatic goes out after STOP but its one confirmation
        }

        // The list row is refreshed when a burst starts and when it is answered, not on every message (and at once
        // on STOP, so a consultant writing by hand is asked to confirm); after Twilio's acknowledgement when so
        // configured. The simulator's caller is the dashboard, which opens the conversation next: its row comes first.
        var listRowOwed = burstStarts || optOutChanged;
        var listRowAfter = listRowOwed && acknowledgement.Value.ListRowAfterAcknowledgement && message.Source != MessageSource.Simulator;
        await SaveAsync(writeState: !TableIsTheBuffer, updateListRow: listRowOwed && !listRowAfter);
        loop.ArmForNewMessage();

        AcknowledgementPath.Outside(() => inboundMedia.Start(consultantId, mediaIds)); // downloads are not waited for
        // Also a retry of a receive that failed once its row was stored: nobody heard of it (a take-back tells the hooks itself).
        if (inserted || !takenBackMeanwhile)
        {
            var stored = await publisher.MessageStoredAsync(consultantId, View(), row, message);
            if (acknowledgement.Value.HooksAfterAcknowledgement)
            {
                afterTheTurn.OweHooks(stored); // then the dashboards hear of the conversation, or once its row is written
            }
            else
            {
                await publisher.InboundHooksAsync(stored);
                if (!listRowAfter)
                {
                    await publisher.ConversationChangedAsync(consultantId, View()); // after the hooks: with the language decided
                }
            }
        }

        if (listRowAfter)
        {
            afterTheTurn.OweListRow();
        }

        return inserted ? ReceiveOutcome.Accepted : ReceiveOutcome.Duplicate;
    }

    public Task ForwardToAsync(string conversationAddress)
    {
        forwardTo = conversationAddress == phone ? null : conversationAddress;
        return Task.CompletedTask;
    }

    public async Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken)
    {
        var (waiting, staleBatchId) = State.HandOver(batchBeingAnswered: loop.Answering);
        await consultantMessages.CountAsAnsweredAsync(consultantId, waiting, staleBatchId);
        loop.CancelReplyInPreparation();
        await SaveAsync(updateListRow: false); // answered by hand: even if the send fails, the AI must not answer them later
        if (staleBatchId is not null)
        {
            loop.Arm(TimeSpan.Zero); // what the dropped batch's booking tools changed is still confirmed
        }

        var result = await consultantMessages.SendAsync(consultantId, phone, text, template, attachment, cancellationToken);
        State.CountConsultantMessage(result.Message.CreatedAt, ConversationPreview.Of(text, attachment?.MimeType), result.Problem);
        State.MarkRead(time.GetUtcNow());
        await SaveAsync(updateListRow: true);
        await publisher.ConsultantRepliedAsync(consultantId, View(), result, cancellationToken);
        return result;
    }

    public async Task<AutomatedSendResult> SendAutomatedAsync(AutomatedMessage message, CancellationToken cancellationToken)
    {
        if (!AutomatedMessageSender.Origins.Contains(message.Origin) || string.IsNullOrWhiteSpace(message.Text))
        {
            throw new ArgumentException("An automated message needs a text and one of the automated origins.", nameof(message));
        }

        if (!State.Initialized)
        {
            await IdentifyContactAsync();
        }

        if (State.OptedOut)
        {
            return new AutomatedSendResult(AutomatedSendOutcome.OptedOut, null, SendProblemText.OptedOut);
        }

        if (message.Template is null && !WhatsAppWindow.IsOpen(View(), time.GetUtcNow()))
        {
            return new AutomatedSendResult(AutomatedSendOutcome.OutsideWindow, null, SendProblemText.OutsideWindow);
        }

        // Not the consultant's answer: what waits for the AI stays waiting, a reply in preparation goes on.
        var result = await automatedMessages.SendAsync(consultantId, phone, message, cancellationToken);
        State.CountAutomated(result.Message!.CreatedAt, ConversationPreview.Of(message.Text, null));
        await SaveAsync(updateListRow: true);
        await publisher.AutomatedSentAsync(consultantId, View(), result, cancellationToken);
        return result;
    }

    public async Task<ConversationView> SetAiEnabledAsync(bool enabled, string by)
    {
        State.SwitchAi(enabled, by, time.GetUtcNow());
        await SaveAsync(updateListRow: true); // first: the follow-ups read the switch from the list row
        await publisher.AiSwitchedAsync(consultantId, View());
        return View();
    }

    public async Task<ConversationView> ClearNeedsReplyAsync()
    {
        State.ClearNeedsReply();
        await SaveAsync(updateListRow: true); // first: the follow-ups read needs_reply from the list row
        await publisher.NeedsReplyClearedAsync(consultantId, View());
        return View();
    }

    public Task<ConversationView> MarkReadAsync()
    {
        State.MarkRead(time.GetUtcNow());
        return SaveAndShowAsync();
    }

    public async Task<ConversationView> RecogniseContactAsync()
    {
        await IdentifyContactAsync();
        var view = await SaveAndShowAsync();
        await RetryAfterAiKeyFixAsync(); // a lead become client is answered with another key
        return view;
    }

    public Task ShowAgainAsync() => publisher.ConversationChangedAsync(consultantId, View());

    public async Task RetryAfterAiKeyFixAsync()
    {
        if (State.AwaitingAiKey is null || loop.Answering || State.InFlight is not null)
        {
            return;
        }

        var resumed = State.ResumeAwaitingAiKey(windowOpen: WhatsAppWindow.IsOpen(View(), time.GetUtcNow()));
        await SaveAsync(updateListRow: true);
        if (resumed is not null)
        {
            // Owed a reply again: the conversation shows as being answered (and the recovery sweep finds it) until it is.
            await inbound.MarkBatchUnhandledAsync(consultantId, resumed.BatchId);
            loop.Arm(TimeSpan.Zero);
        }
    }

    private async Task IdentifyContactAsync() =>
        State.Identify(await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone)), time.GetUtcNow());

    private async Task<ConversationView> SaveAndShowAsync()
    {
        await SaveAsync(updateListRow: true);
        await publisher.ConversationChangedAsync(consultantId, View());
        return View();
    }

    private Task SaveAsync(bool updateListRow) => SaveAsync(writeState: true, updateListRow);

    /// <summary>
    /// Writes the state, then the list row: each one write at a time (the timer callback and the row written after a
    /// turn interleave), the row as the state is when its write starts, so the last written is the latest.
    /// </summary>
    private async Task SaveAsync(bool writeState, bool updateListRow)
    {
        if (writeState)
        {
            await saving.EnterAsync();
            try
            {
                var recordsWork = State.RecordsWork; // as written: the write copies the state before its first await
                await state.WriteStateAsync();
                storedStateRecordsWork = recordsWork;
            }
            finally
            {
                saving.Exit();
            }
        }

        if (updateListRow)
        {
            await WriteListRowAsync();
        }
    }

    private async Task WriteListRowAsync()
    {
        await writingListRow.EnterAsync();
        try
        {
            await publisher.SaveListRowAsync(consultantId, View(), awaitsAiKey: State.AwaitingAiKey is not null);
        }
        finally
        {
            writingListRow.Exit();
        }
    }

    /// <summary>The row owed after a turn, then the dashboards told (a page that reloads its list then finds it).</summary>
    async Task AfterTheTurn.IWork.WriteListRowAndTellAsync()
    {
        await WriteListRowAsync();
        await publisher.ConversationChangedAsync(consultantId, View());
    }

    Task AfterTheTurn.IWork.RunHooksAsync(StoredInboundMessage message) => publisher.InboundHooksAsync(message);

    Task AfterTheTurn.IWork.TellAsync() => publisher.ConversationChangedAsync(consultantId, View());

    Task IAnsweringConversation.AfterTheTurnSettledAsync() => afterTheTurn.SettledAsync();

    private ConversationView View() => State.ToView(consultantId, phone);

    ConversationView IAnsweringConversation.View() => View();

    Task IAnsweringConversation.SaveAsync(bool updateListRow) => SaveAsync(updateListRow);

    /// <summary>
    /// A new batch needs no state write when the table can tell it (one write fewer per batch): the rows carry the batch
    /// id before anything is sent, and an activation rebuilds the batch in flight from them (<see cref="ConversationState.TakeBack"/>).
    /// Not when the stored state records work of its own (its pending messages, now in this batch, would be answered
    /// twice) or the batch confirms an opt-out change, which only the state records.
    /// </summary>
    Task IAnsweringConversation.SaveBatchStartAsync(ReplyBatch batch) =>
        TableIsTheBuffer && !storedStateRecordsWork && batch.OptOutChange == OptOutChange.None
            ? Task.CompletedTask
            : SaveAsync(updateListRow: false);
}
