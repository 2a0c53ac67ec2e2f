using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;

namespace Consultant.Grains.Twilio;

/// <summary>
/// A consultant's number and decrypted Twilio credentials, for one send, download or check: the one place the Auth
/// Token is decrypted, so it is held in memory only for the call that needs it.
/// </summary>
public sealed class WhatsAppSenders(SecretProtector secrets)
{
    /// <summary>Null when WhatsApp is not configured.</summary>
    public WhatsAppSender? From(ConsultantReplySettings? settings) => settings is null || settings.AccountSid.Length == 0
        ? null
        : new WhatsAppSender(settings.WhatsAppNumber, CredentialsOf(settings.AccountSid, settings.ProtectedAuthToken));

    public TwilioCredentials CredentialsOf(ConsultantReplySettings settings) => CredentialsOf(settings.AccountSid, settings.ProtectedAuthToken);

    public TwilioCredentials CredentialsOf(string accountSid, string protectedAuthToken) => new(accountSid, secrets.Unprotect(protectedAuthToken));
}
