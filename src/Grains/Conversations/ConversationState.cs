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
}

[GenerateSerializer]
[Alias("Consultant.PendingMessage")]
public sealed class PendingMessage
{
    [Id(0)] public Guid MessageId { get; set; }

    [Id(1)] public DateTimeOffset ReceivedAt { get; set; }
}

[GenerateSerializer]
[Alias("Consultant.ReplyBatch")]
public sealed class ReplyBatch
{
    [Id(0)] public Guid BatchId { get; set; }

    [Id(1)] public List<Guid> MessageIds { get; set; } = [];

    /// <summary>Set when this batch carries a change of opt-out: its answer is the confirmation, not the AI.</summary>
    [Id(2)] public OptOutChange OptOutChange { get; set; }
}
