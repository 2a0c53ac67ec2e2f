using Consultant.Grains.Messages;

namespace Consultant.Grains.Demo;

/// <summary>A message of the demo's history: inbound (with an attachment's type, if any) or outbound with its origin.</summary>
/// <param name="BatchId">Inbound: the batch it was answered in; an AI reply: the batch it answers.</param>
public sealed record DemoMessage(bool IsInbound, string? Origin, string Body, DateTimeOffset At, Guid? BatchId, string? MediaType)
{
    public static DemoMessage Received(string body, DateTimeOffset at, Guid batchId, string? mediaType) => new(true, null, body, at, batchId, mediaType);

    public static DemoMessage Ai(string body, DateTimeOffset at, Guid batchId) => new(false, MessageOrigin.Ai, body, at, batchId, null);

    public static DemoMessage Consultant(string body, DateTimeOffset at) => new(false, MessageOrigin.Consultant, body, at, null, null);

    public static DemoMessage FollowUp(string body, DateTimeOffset at) => new(false, MessageOrigin.FollowUp, body, at, null, null);
}
