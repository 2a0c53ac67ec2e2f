using Microsoft.Extensions.Options;

namespace Consultant.Grains.Twilio;

/// <summary>
/// The Twilio SDK always addresses api.twilio.com; this moves each request to <c>Twilio:ApiBaseUrl</c>
/// (scheme, host and port), keeping the path and query.
/// </summary>
public sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = options.Value.ApiBaseUrl;
        if (request.RequestUri is { } uri &&
            (uri.Scheme != target.Scheme || uri.Host != target.Host || uri.Port != target.Port))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
