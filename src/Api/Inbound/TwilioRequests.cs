using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Settings;
using Consultant.Grains.Twilio;
using Microsoft.AspNetCore.Http;
using Twilio.Security;

namespace Consultant.Api.Inbound;

/// <summary>
/// What every Twilio callback (inbound messages, status callbacks) goes through: the consultant is found by the
/// AccountSid and our WhatsApp number together (every Twilio account shares the Sandbox number), then the
/// X-Twilio-Signature is checked with that consultant's auth token and the public URL Twilio called.
/// </summary>
public static class TwilioRequests
{
    public enum Verdict { Accepted, UnknownNumber, BadSignature }

    public static async Task<(Verdict Verdict, TwilioCaller? Caller)> AuthenticateAsync(
        HttpRequest request, IFormCollection form, string ourNumberField, WhatsAppNumberRegistry numbers, IGrainFactory grains,
        WhatsAppSenders senders, Uri? publicBaseUrl)
    {
        var number = PhoneNumberNormalizer.ContactFromWhatsApp(form[ourNumberField]);
        var accountSid = form["AccountSid"].ToString();
        var consultantId = number is null || accountSid.Length == 0 ? null : await numbers.FindOwnerAsync(accountSid, number);
        var settings = consultantId is { } id ? await grains.GetGrain<IConsultantGrain>(id).GetReplySettingsAsync() : null;
        if (settings is null || !string.Equals(settings.AccountSid, accountSid, StringComparison.Ordinal))
        {
            return (Verdict.UnknownNumber, null);
        }

        return SignatureIsValid(request, form, senders.CredentialsOf(settings).AuthToken, publicBaseUrl)
            ? (Verdict.Accepted, new TwilioCaller(consultantId!.Value, number!, TwilioForm.WithoutNul(form)))
            : (Verdict.BadSignature, new TwilioCaller(consultantId!.Value, number!, form));
    }

    /// <summary>Twilio signs the URL it called: behind a proxy that is WhatsApp:PublicBaseUrl, not what Kestrel sees.</summary>
    private static bool SignatureIsValid(HttpRequest request, IFormCollection form, string authToken, Uri? publicBaseUrl)
    {
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (signature.Length == 0)
        {
            return false;
        }

        var pathAndQuery = request.PathBase + request.Path + request.QueryString;
        var url = publicBaseUrl is null
            ? $"{request.Scheme}://{request.Host}{pathAndQuery}"
            : publicBaseUrl.ToString().TrimEnd('/') + pathAndQuery;
        var parameters = form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        return new RequestValidator(authToken).Validate(url, parameters, signature);
    }
}
