using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Interactive;

/// <summary>
/// A question recorded and handed to its channel: the message as the dashboard shows it, how it went
/// (<see cref="SentAs"/>: buttons, a list, or numbered text when Twilio's Content API could not be used), and
/// <see cref="Problem"/>, why it was not sent (null when sent; the message is kept, marked failed).
/// </summary>
public sealed record InteractiveSendResult(ChatMessageView Message, InteractiveFormat SentAs, string? Problem);
