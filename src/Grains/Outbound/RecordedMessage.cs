using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Outbound;

/// <summary>An automated message as recorded (first now, or by an earlier attempt at the same batch), and whether Twilio already took it (it has a sid).</summary>
public sealed record RecordedMessage(ChatMessageView View, bool Sent);
