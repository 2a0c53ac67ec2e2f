using System.Security.Cryptography;
using System.Text;

namespace Consultant.TestSupport;

/// <summary>Posts inbound-message webhooks the way Twilio does: a form post signed with X-Twilio-Signature.</summary>
public static class TwilioWebhook
{
    /// <summary>Twilio's documented scheme: HMAC-SHA1 with the auth token over the URL plus each sorted key and value, Base64.</summary>
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var key in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            data.Append(key).Append(form[key]);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static Dictionary<string, string> InboundForm(string accountSid, string from, string to, string body, string? messageSid = null, string? profileName = null) => new()
    {
        ["AccountSid"] = accountSid,
        ["ApiVersion"] = "2010-04-01",
        ["Body"] = body,
        ["From"] = "whatsapp:" + from,
        ["MessageSid"] = messageSid ?? FakeTwilio.NewSid(),
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["ProfileName"] = profileName ?? "Contact",
        ["SmsMessageSid"] = messageSid ?? FakeTwilio.NewSid(),
        ["SmsStatus"] = "received",
        ["To"] = "whatsapp:" + to,
        ["WaId"] = from.TrimStart('+'),
    };

    /// <summary>An inbound message with media: MediaUrlN / MediaContentTypeN as Twilio announces them.</summary>
    public static Dictionary<string, string> InboundMediaForm(
        string accountSid, string from, string to, string body, params (string Url, string ContentType)[] media)
    {
        var form = InboundForm(accountSid, from, to, body);
        form["NumMedia"] = media.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var index = 0; index < media.Length; index++)
        {
            form[$"MediaUrl{index}"] = media[index].Url;
            form[$"MediaContentType{index}"] = media[index].ContentType;
        }

        return form;
    }

    /// <summary>Posts a form signed for <paramref name="signedUrl"/> (the public URL Twilio would have called).</summary>
    public static Task<HttpResponseMessage> PostAsync(
        HttpClient http, string signedUrl, string? authToken, IReadOnlyDictionary<string, string> form, string path = "/api/whatsapp/webhook")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (authToken is not null)
        {
            request.Headers.Add("X-Twilio-Signature", Sign(authToken, signedUrl, form));
        }

        return http.SendAsync(request);
    }
}
