namespace Consultant.Grains.Twilio;

/// <summary>Where one of our sent messages stands at Twilio (polling mode reads this instead of status callbacks).</summary>
public sealed record TwilioOutboundStatus(string Sid, string Status, int? ErrorCode);
