using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Media;

/// <summary>
/// Downloads a media file Twilio announced. Only from Twilio's API host (<c>Twilio:ApiBaseUrl</c>) with the
/// consultant's credentials; Twilio then redirects to its CDN, which is followed without credentials, over https,
/// to public addresses only (checked again at connect time, so DNS cannot point it inwards). Size capped while
/// reading; 404 retried while Twilio prepares the file.
/// </summary>
public sealed class TwilioMediaDownloader(
    IHttpClientFactory httpClientFactory, IOptions<TwilioOptions> twilioOptions, IOptions<MediaOptions> mediaOptions, TimeProvider time)
{
    /// <summary>Requests to Twilio's own host, carrying credentials; redirects are not followed automatically.</summary>
    public const string TwilioClientName = "twilio-media";

    /// <summary>Requests to wherever Twilio redirects, without credentials, to public addresses only.</summary>
    public const string RedirectClientName = "media-redirect";

    private const int MaxRedirects = 3;

    public async Task<DownloadedMedia> DownloadAsync(Uri url, TwilioCredentials credentials, string? declaredType, CancellationToken cancellationToken)
    {
        if (!IsTwilioOrigin(url))
        {
            throw new MediaRefusedException(MediaProblemText.NotTwilioHost(url.Host));
        }

        var options = mediaOptions.Value;
        var limit = MediaKind.OfMimeType(declaredType) == MediaKind.Image ? options.MaxImageBytes : options.MaxFileBytes;
        var delay = TimeSpan.FromSeconds(options.DownloadRetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await FollowAsync(url, credentials, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var content = await ReadCappedAsync(response, limit, cancellationToken);
                    return new DownloadedMedia(content, response.Content.Headers.ContentType?.MediaType);
                }

                // 404: Twilio may still be preparing the file; 429 and 5xx: Twilio is busy. Anything else is final.
                var message = MediaProblemText.TwilioAnswered(status);
                throw status is 404 or 429 or >= 500 ? new MediaDownloadException(message) : new MediaRefusedException(message);
            }
            catch (MediaDownloadException) when (attempt < options.DownloadAttempts)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    /// <summary>Requests <paramref name="url"/> and follows up to three redirects under the rules above.</summary>
    private async Task<HttpResponseMessage> FollowAsync(Uri url, TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            var toTwilio = IsTwilioOrigin(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (toTwilio)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
            }

            HttpResponseMessage response;
            try
            {
                var client = httpClientFactory.CreateClient(toTwilio ? TwilioClientName : RedirectClientName);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is MediaRefusedException refused)
            {
                throw refused;
            }
            catch (HttpRequestException ex)
            {
                throw new MediaDownloadException(MediaProblemText.NotFetched(ex.Message), ex);
            }

            if ((int)response.StatusCode is < 300 or >= 400)
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hop >= MaxRedirects)
            {
                throw new MediaRefusedException(MediaProblemText.TooManyRedirects);
            }

            current = location.IsAbsoluteUri ? location : new Uri(current, location);
            RefuseUnsafeRedirect(current);
        }
    }

    /// <summary>A redirect away from Twilio must be https to a public address (a name is checked again at connect).</summary>
    private void RefuseUnsafeRedirect(Uri target)
    {
        if (IsTwilioOrigin(target))
        {
            return;
        }

        if (target.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaRefusedException(MediaProblemText.RedirectWithoutHttps(target.Host));
        }

        if (IPAddress.TryParse(target.Host.Trim('[', ']'), out var address) && !NetworkAddresses.IsPublic(address))
        {
            throw new MediaRefusedException(MediaProblemText.RedirectToInternalAddress(target.Host));
        }
    }

    private bool IsTwilioOrigin(Uri url)
    {
        var twilio = twilioOptions.Value.ApiBaseUrl;
        return url.IsAbsoluteUri && url.Scheme == twilio.Scheme
            && string.Equals(url.Host, twilio.Host, StringComparison.OrdinalIgnoreCase) && url.Port == twilio.Port;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw new MediaRefusedException(MediaProblemText.TooLarge(length, limit));
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new MediaRefusedException(MediaProblemText.TooLarge(buffer.Length + read, limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The redirect client's connect step: resolves the name and refuses any non-public address.</summary>
    public static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(a => !NetworkAddresses.IsPublic(a)))
        {
            throw new MediaRefusedException(MediaProblemText.InternalAddress(context.DnsEndPoint.Host));
        }

        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
