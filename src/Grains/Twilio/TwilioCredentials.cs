namespace Consultant.Grains.Twilio;

public sealed record TwilioCredentials(string AccountSid, string AuthToken);
