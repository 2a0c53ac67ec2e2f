namespace Consultant.Grains.Twilio;

public sealed record TwilioSentMessage(string Sid, string Status);
