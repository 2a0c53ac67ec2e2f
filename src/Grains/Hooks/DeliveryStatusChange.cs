using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Hooks;

/// <summary>An outbound message whose status moved; <paramref name="ErrorCode"/> is Twilio's or WhatsApp's code when it failed.</summary>
public sealed record DeliveryStatusChange(Guid ConsultantId, ChatMessageView Message, int? ErrorCode);
