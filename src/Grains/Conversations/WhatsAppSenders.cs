using Consultant.Grains.Abstractions;
using Consultant.Grains.Twilio;
using Consultant.Grains.WhatsApp;

namespace Consultant.Grains.Conversations;

/// <summary>A consultant's number and decrypted Twilio credentials, for one send or download.</summary>
public sealed class WhatsAppSenders(SecretProtector secrets)
{
    /// <summary>Null when WhatsApp is not configured.</summary>
    public WhatsAppSender? From(ConsultantReplySettings? settings) => settings is null || settings.AccountSid.Length == 0
        ? null
        : new WhatsAppSender(settings.WhatsAppNumber, new TwilioCredentials(settings.AccountSid, secrets.Unprotect(settings.ProtectedAuthToken)));
}
