using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Conversations;

/// <summary>An inbound message as it was stored; <paramref name="Phone"/> is the conversation's contact address.</summary>
public sealed record StoredInboundMessage(
    Guid ConsultantId, string Phone, Guid MessageId, string Body, int NumMedia, bool FromLead, DateTimeOffset ReceivedAt);

/// <summary>A batch (the messages of one burst) about to be answered; <paramref name="AiEnabled"/> false: only flagged for the consultant.</summary>
public sealed record AnsweringBatch(
    Guid ConsultantId, string Phone, Guid BatchId, IReadOnlyList<Guid> MessageIds, bool AiEnabled, bool OptedOut);

public enum ReplyAuthor
{
    Assistant,
    Consultant,
}

/// <summary>Messages that went out in one go; <paramref name="Problem"/> set when some could not be sent (kept, marked failed).</summary>
public sealed record SentReply(
    Guid ConsultantId, string Phone, ReplyAuthor Author, IReadOnlyList<ChatMessageView> Messages, string? Problem);

/// <summary>An outbound message whose status moved; <paramref name="ErrorCode"/> is Twilio's or WhatsApp's code when it failed.</summary>
public sealed record DeliveryStatusChange(Guid ConsultantId, ChatMessageView Message, int? ErrorCode);
