namespace Consultant.Grains.Twilio;

public sealed record TwilioAccountCheck(bool Success, string Message);
