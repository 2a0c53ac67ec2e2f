namespace Consultant.Grains.Messages;

/// <summary>An outbound reply part recorded before Twilio is called (its idempotency key is batch + part).</summary>
public sealed record ReplyIntent(Guid Id, string Body, string? TwilioSid, string Status, string Channel);
