using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Messages;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Conversations;

/// <summary>What a conversation needs to decide. Aliases pinned: stored JSON names these types.</summary>
[GenerateSerializer]
[Alias("Consultant.ConversationState")]
public sealed class ConversationState
{
    /// <summary>Stored inbound messages not yet taken into a batch (the debounce buffer).</summary>
    [Id(0)] public List<PendingMessage> Pending { get; set; } = [];

    /// <summary>The batch being answered; survives a crash so it is resumed, not answered twice.</summary>
    [Id(1)] public ReplyBatch? InFlight { get; set; }

    [Id(2)] public bool Initialized { get; set; }

    [Id(3)] public bool IsLead { get; set; } = true;

    [Id(4)] public Guid? ClientId { get; set; }

    [Id(5)] public DateTimeOffset? LeadConvertedAt { get; set; }

    [Id(6)] public bool AiEnabled { get; set; } = true;

    [Id(7)] public int MessageCount { get; set; }

    [Id(8)] public int UnreadByConsultant { get; set; }

    [Id(9)] public DateTimeOffset? LastMessageAt { get; set; }

    [Id(10)] public DateTimeOffset? LastInboundAt { get; set; }

    [Id(11)] public string? DisplayName { get; set; }

    [Id(12)] public string? LastPreview { get; set; }

    [Id(13)] public bool NeedsReply { get; set; }

    [Id(14)] public string? NeedsReplyReason { get; set; }

    /// <summary>The client's name when the contact is a client (the list shows it instead of the WhatsApp name).</summary>
    [Id(15)] public string? ClientName { get; set; }

    [Id(16)] public DateTimeOffset? AiOverriddenAt { get; set; }

    [Id(17)] public string? AiOverriddenBy { get; set; }

    [Id(18)] public DateTimeOffset? LastReadByConsultant { get; set; }

    /// <summary>The contact wrote STOP (or the like): no automatic messages until they write START.</summary>
    [Id(19)] public bool OptedOut { get; set; }

    /// <summary>An opt-out or opt-in not yet confirmed to the contact: the next batch answers with the confirmation.</summary>
    [Id(20)] public OptOutChange UnconfirmedOptOutChange { get; set; }

    /// <summary>
    /// The last batch the AI could not answer for want of a usable key (none saved, rejected, the pool empty or its
    /// quota used up): answered again when the consultant or an administrator fixes that. Null once answered, by hand too.
    /// </summary>
    [Id(21)] public ReplyBatch? AwaitingAiKey { get; set; }

    /// <summary>The guided flow running (<c>Flows/FlowEngine</c>): flow, step waiting for an answer, retries, last activity. Null: none.</summary>
    [Id(22)] public FlowPosition? Flow { get; set; }

    /// <summary>The first batch was answered: the flow for new leads is only ever started on a lead's first batch.</summary>
    [Id(23)] public bool FirstBatchAnswered { get; set; }

    /// <summary>
    /// The contact asked for a person ("operatore"): "needs reply" stays until the consultant writes (or clears it),
    /// whatever the AI answers to their later messages.
    /// </summary>
    [Id(24)] public bool AskedForConsultant { get; set; }

    /// <summary>Whether the batch about to be answered is the conversation's first from a lead (the flow for new leads may start).</summary>
    public bool IsLeadsFirstBatch(ReplyBatch batch) => IsLead && !FirstBatchAnswered && MessageCount <= batch.MessageIds.Count;

    /// <summary>Something waits for an answer: a burst being buffered, or a batch being answered.</summary>
    public bool HasWork => Pending.Count > 0 || InFlight is not null;

    /// <summary>Work only this state records: a burst, a batch, or an opt-out change still to confirm.</summary>
    public bool RecordsWork => HasWork || UnconfirmedOptOutChange != OptOutChange.None;

    /// <summary>Client or lead, as the clients table says now; a lead who became a client is counted as converted once.</summary>
    public void Identify(Client? client, DateTimeOffset at)
    {
        if (Initialized && IsLead && client is not null)
        {
            LeadConvertedAt ??= at;
        }

        (IsLead, ClientId, ClientName, Initialized) = (client is null, client?.Id, client?.Name, true);
    }

    /// <summary>Whether the message waits in the buffer or in the batch being answered.</summary>
    public bool Holds(Guid messageId) => Pending.Any(p => p.MessageId == messageId) || InFlight?.MessageIds.Contains(messageId) == true;

    /// <summary>
    /// Buffers a stored message for the next batch and counts it (it may be STOP or START): the first time this state
    /// holds a message, which is once per message, since it only leaves the buffer for a batch or a hand-over (both
    /// give it a batch id). Returns whether it starts a burst and whether the opt-out flag changed.
    /// </summary>
    public (bool BurstStarts, bool OptOutChanged) Buffer(Guid messageId, InboundWhatsAppMessage message, DateTimeOffset at) =>
        Buffer(messageId, message.Body, message.ProfileName,
            message.Media.FirstOrDefault()?.ContentType ?? (message.NumMedia > 0 ? "" : null), message.ReceivedAt, at);

    private (bool BurstStarts, bool OptOutChanged) Buffer(
        Guid messageId, string body, string? profileName, string? mediaType, DateTimeOffset receivedAt, DateTimeOffset at)
    {
        var burstStarts = Pending.Count == 0;
        var optOutChanged = ApplyOptOutKeyword(body);
        Pending.Add(new PendingMessage { MessageId = messageId, ReceivedAt = at });
        MessageCount++;
        UnreadByConsultant++;
        LastMessageAt = LastInboundAt = receivedAt;
        DisplayName = profileName ?? DisplayName;
        LastPreview = ConversationPreview.Of(body, mediaType);
        return (burstStarts, optOutChanged);
    }

    /// <summary>Messages that went out (by the assistant or the consultant); <paramref name="problem"/> null clears "needs reply".</summary>
    public void CountOutbound(int count, DateTimeOffset at, string preview, string? problem)
    {
        if (count > 0)
        {
            MessageCount += count;
            LastMessageAt = at;
            LastPreview = preview;
        }

        (NeedsReply, NeedsReplyReason) = (problem is not null, problem);
    }

    /// <summary>The consultant's own message: a contact who asked for them is answered, unless it failed to go out.</summary>
    public void CountConsultantMessage(DateTimeOffset at, string preview, string? problem)
    {
        AskedForConsultant &= problem is not null;
        CountOutbound(1, at, preview, problem ?? WaitingForConsultant);
    }

    /// <summary>The consultant dealt with the conversation another way: nothing asks them to reply any more.</summary>
    public void ClearNeedsReply() => (NeedsReply, NeedsReplyReason, AskedForConsultant) = (false, null, false);

    /// <summary>Why the consultant must still reply when nothing new went wrong: the contact asked for them; null otherwise.</summary>
    private string? WaitingForConsultant => AskedForConsultant ? NoReplyReasons.AskedForYou : null;

    /// <summary>A message the system sent on its own: counted and shown in the list, but no answer ("needs reply" stays).</summary>
    public void CountAutomated(DateTimeOffset at, string preview)
    {
        MessageCount++;
        LastMessageAt = at;
        LastPreview = preview;
    }

    public void MarkRead(DateTimeOffset at) => (UnreadByConsultant, LastReadByConsultant) = (0, at);

    public void SwitchAi(bool enabled, string by, DateTimeOffset at) => (AiEnabled, AiOverriddenAt, AiOverriddenBy) = (enabled, at, by);

    /// <summary>
    /// Applies STOP or START (or the like) from <paramref name="body"/>. Returns whether the opt-out flag changed; an
    /// opt-out and opt-in within one burst cancel out and need no confirmation.
    /// </summary>
    private bool ApplyOptOutKeyword(string body)
    {
        var change = OptOutKeywords.Classify(body);
        var optedOut = change switch
        {
            OptOutChange.OptOut => true,
            OptOutChange.OptIn => false,
            _ => OptedOut,
        };
        if (optedOut == OptedOut)
        {
            return false;
        }

        OptedOut = optedOut;
        UnconfirmedOptOutChange = UnconfirmedOptOutChange == OptOutChange.None ? change : OptOutChange.None;
        return true;
    }

    /// <summary>The pending messages become the batch in flight (with the opt-out change it must confirm).</summary>
    public ReplyBatch StartBatch()
    {
        InFlight = new ReplyBatch
        {
            BatchId = Guid.NewGuid(),
            MessageIds = Pending.Select(p => p.MessageId).ToList(),
            OptOutChange = UnconfirmedOptOutChange,
        };
        Pending = []; // not Clear(): an empty list keeps its array, in every active conversation
        UnconfirmedOptOutChange = OptOutChange.None;
        return InFlight;
    }

    /// <summary>What the replier needs of this conversation to answer <paramref name="batch"/>.</summary>
    public BatchToAnswer ToAnswer(Guid consultantId, string phone, ReplyBatch batch) =>
        new(consultantId, phone, batch.BatchId, AiEnabled, DisplayName, OptedOut, batch.OptOutChange);

    /// <summary>
    /// What answering <paramref name="batch"/> found: client or lead, whether it waits for a usable AI key, what went
    /// out and whether the consultant must reply. The batch itself is finished by the caller.
    /// </summary>
    public void Settle(ReplyBatch batch, BatchOutcome outcome)
    {
        Identify(outcome.Client, outcome.At);
        AwaitingAiKey = outcome.AwaitsAiKey ? batch : null;
        var preview = outcome.SentParts.Count > 0 ? ConversationPreview.Of(outcome.SentParts[^1].Body, null) : string.Empty;
        AskedForConsultant |= outcome.Problem == NoReplyReasons.AskedForYou;
        CountOutbound(outcome.SentParts.Count, outcome.At, preview, outcome.Problem ?? WaitingForConsultant); // the AI answering is not the consultant
    }

    /// <summary>
    /// The consultant answers by hand: the buffered messages count as answered by them and the wait for an AI key
    /// ends; a batch in flight that is not being answered now (a failure left it) is dropped, one being answered is
    /// the caller's to cancel. Returns the messages and the batch the table must mark handled.
    /// </summary>
    public (IReadOnlyList<Guid> Waiting, Guid? StaleBatchId) HandOver(bool batchBeingAnswered)
    {
        AwaitingAiKey = null;
        var waiting = Pending.Select(p => p.MessageId).ToList();
        Pending = []; // not Clear(): an empty list keeps its array, in every active conversation
        var stale = batchBeingAnswered ? null : InFlight;
        if (stale is not null)
        {
            InFlight = null;
        }

        return (waiting, stale?.BatchId);
    }

    /// <summary>
    /// The batch that waited for a usable AI key is put back in flight, to be answered under its own id, unless the
    /// 24-hour window has closed (then nothing goes out automatically; the consultant sends a template). Either way
    /// the wait ends. Only while no batch is in flight. Returns the batch put back, or null.
    /// </summary>
    public ReplyBatch? ResumeAwaitingAiKey(bool windowOpen)
    {
        var resumed = windowOpen ? AwaitingAiKey : null;
        AwaitingAiKey = null;
        if (resumed is not null)
        {
            InFlight = resumed;
        }

        return resumed;
    }

    /// <summary>
    /// Takes in the messages the table says are owed a reply (<paramref name="unhandled"/>, oldest first) that this
    /// state does not hold: written by an activation that died before its state was (or, with the table as the
    /// buffer, never written). A batch left behind resumes under its own id, so a reply already recorded for it is
    /// not sent again; unbatched ones are buffered and counted as they would have been on arrival.
    /// </summary>
    public TakenBack TakeBack(IReadOnlyList<MessageRow> unhandled)
    {
        var taken = 0;
        if (InFlight is null && unhandled.FirstOrDefault(m => m.BatchId is not null && !Holds(m.Id))?.BatchId is { } batchId)
        {
            InFlight = new ReplyBatch { BatchId = batchId, MessageIds = unhandled.Where(m => m.BatchId == batchId).Select(m => m.Id).ToList() };
            taken += InFlight.MessageIds.Count;
        }

        var buffered = unhandled.Where(m => m.BatchId is null && !Holds(m.Id)).ToList();
        foreach (var row in buffered)
        {
            Buffer(row.Id, row.Body, row.ProfileName, row.NumMedia > 0 ? "" : null, row.CreatedAt, row.CreatedAt);
        }

        return new TakenBack(taken + buffered.Count, buffered);
    }

    public ConversationView ToView(Guid consultantId, string phone) => new(
        ConversationKey.IdFor(consultantId, phone), phone, ClientName ?? DisplayName, IsLead, ClientId, AiEnabled,
        MessageCount, UnreadByConsultant, LastMessageAt, LastPreview, NeedsReply, NeedsReplyReason, AiOverriddenAt,
        AiOverriddenBy, LastReadByConsultant, LastInboundAt, LeadConvertedAt, OptedOut);
}
