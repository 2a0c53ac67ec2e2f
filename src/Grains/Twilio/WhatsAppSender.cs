namespace Consultant.Grains.Twilio;

/// <summary>The consultant's WhatsApp number and Twilio credentials (decrypted for this send only).</summary>
public sealed record WhatsAppSender(string FromNumber, TwilioCredentials Credentials);
