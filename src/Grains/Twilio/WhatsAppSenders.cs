using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Twilio;

/// <summary>
/// A consultant's number and decrypted Twilio credentials, for one send, download or check: the one place the Auth
/// Token is decrypted (through <see cref="AuthTokenCache"/>, which keeps it for a short time only).
/// </summary>
public sealed class WhatsAppSenders(AuthTokenCache tokens)
{
    /// <summary>Null when WhatsApp is not configured.</summary>
    public WhatsAppSender? From(ConsultantReplySettings? settings) => settings is null || settings.AccountSid.Length == 0
        ? null
        : new WhatsAppSender(settings.WhatsAppNumber, CredentialsOf(settings.AccountSid, settings.ProtectedAuthToken));

    public TwilioCredentials CredentialsOf(ConsultantReplySettings settings) => CredentialsOf(settings.AccountSid, settings.ProtectedAuthToken);

    public TwilioCredentials CredentialsOf(string accountSid, string protectedAuthToken) => new(accountSid, tokens.Decrypt(protectedAuthToken));

    /// <summary>A token its consultant replaced: dropped from this silo's memory at once.</summary>
    public void Forget(string protectedAuthToken) => tokens.Forget(protectedAuthToken);
}
