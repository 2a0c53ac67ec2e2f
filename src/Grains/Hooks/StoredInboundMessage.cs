namespace Consultant.Grains.Hooks;

/// <summary>
/// An inbound message as it was stored; <paramref name="Phone"/> is the conversation's contact address.
/// <paramref name="OptedOut"/>: the contact has opted out once this message counted (it may be the STOP), as the
/// conversation knows it; its list row may be written only after the acknowledgement (AcknowledgementOptions).
/// </summary>
public sealed record StoredInboundMessage(
    Guid ConsultantId, string Phone, Guid MessageId, string Body, int NumMedia, bool FromLead, DateTimeOffset ReceivedAt, bool OptedOut);
