using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Twilio;

/// <summary>
/// Twilio's Content API (<c>POST /v1/Content</c> on <c>Twilio:ContentBaseUrl</c>, content.twilio.com): creates a
/// Content resource (a quick-reply or a list-picker) and returns its Content SID (HX…), which a message is then sent
/// with. JSON in and out, HTTP Basic auth with the consultant's Account SID and Auth Token. Refusals and network
/// failures become a <see cref="TwilioRequestException"/> whose log reason holds no secret and no text of Twilio's.
/// </summary>
public sealed class TwilioContentApi(IHttpClientFactory httpClientFactory, IOptions<TwilioOptions> options)
{
    public const string HttpClientName = "twilio-content";

    /// <param name="content">The resource as Twilio takes it: friendly_name, language, variables, types.</param>
    public async Task<string> CreateAsync(TwilioCredentials credentials, JsonObject content, CancellationToken cancellationToken)
    {
        var url = new Uri(options.Value.ContentBaseUrl.ToString().TrimEnd('/') + "/v1/Content");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(content) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.AccountSid + ":" + credentials.AuthToken)));
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await ReadJsonAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var code = body?["code"]?.GetValueKind() == JsonValueKind.Number ? body["code"]!.GetValue<int>() : 0;
                throw new TwilioRequestException(
                    TwilioErrorText.Describe(status, code, body?["message"]?.ToString()), "Content API: " + TwilioErrorText.DescribeForLog(status, code),
                    code == 0 ? null : code, isTransient: status >= 500 || status == 429);
            }

            return body?["sid"]?.ToString() is { Length: > 0 } sid
                ? sid
                : throw new TwilioRequestException("Twilio created the content without a sid.", "Content API: no sid in the answer", null, isTransient: false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TwilioRequestException(
                TwilioErrorText.Unreachable(ex.InnerException?.Message ?? ex.Message), $"Could not reach Twilio's Content API ({ex.GetType().Name})",
                null, isTransient: true, ex);
        }
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML error page: the status says enough
        }
    }
}
