namespace Consultant.Grains.Hooks;

/// <summary>An inbound message as it was stored; <paramref name="Phone"/> is the conversation's contact address.</summary>
public sealed record StoredInboundMessage(
    Guid ConsultantId, string Phone, Guid MessageId, string Body, int NumMedia, bool FromLead, DateTimeOffset ReceivedAt);
