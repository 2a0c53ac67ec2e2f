using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Outbound;

/// <summary>An outbound message already stored (status sending), to be delivered on its channel.</summary>
public sealed record OutboundMessage(
    Guid ConsultantId, Guid MessageId, string ContactPhone, string Body, string Channel, OutboundTemplate? Template = null, Uri? MediaUrl = null);
