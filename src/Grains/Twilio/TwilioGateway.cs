using Consultant.Grains.Abstractions;
using System.Globalization;
using Consultant.Grains.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Message;
using Twilio.Types;

namespace Consultant.Grains.Twilio;

public sealed partial class TwilioGateway(
    IHttpClientFactory httpClientFactory, IOptions<TwilioOptions> options, ILogger<TwilioGateway> logger) : ITwilioGateway
{
    public const string HttpClientName = "twilio";
    private const int MaxPolledMessages = 500;

    public async Task<TwilioAccountCheck> CheckAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            var account = await AccountResource.FetchAsync(pathSid: credentials.AccountSid, client: CreateClient(credentials))
                .WaitAsync(cancellationToken);
            var status = account.Status?.ToString() ?? "unknown";
            return new TwilioAccountCheck(
                string.Equals(status, "active", StringComparison.OrdinalIgnoreCase),
                TwilioErrorText.Connected(account.FriendlyName, status));
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException)
        {
            return new TwilioAccountCheck(false, Translate(ex).Message);
        }
    }

    public async Task<TwilioSentMessage> SendWhatsAppAsync(
        TwilioCredentials credentials, string fromNumber, string toNumber, string body, OutboundTemplate? template, Uri? mediaUrl, Uri? statusCallback,
        CancellationToken cancellationToken)
    {
        var options = new CreateMessageOptions(new PhoneNumber("whatsapp:" + toNumber))
        {
            From = new PhoneNumber("whatsapp:" + fromNumber),
            StatusCallback = statusCallback,
            MediaUrl = mediaUrl is null ? null : [mediaUrl],
        };
        if (template is null && body.Length > 0)
        {
            options.Body = body; // an attachment may go without a caption
        }
        else if (template is not null)
        {
            options.ContentSid = template.ContentSid;
            options.ContentVariables = template.ContentVariables;
        }

        try
        {
            var message = await MessageResource.CreateAsync(options, CreateClient(credentials)).WaitAsync(cancellationToken);
            return new TwilioSentMessage(message.Sid, message.Status?.ToString() ?? "queued");
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException)
        {
            throw Translate(ex);
        }
    }

    public async Task<IReadOnlyList<TwilioInboundMessage>> ListInboundAsync(
        TwilioCredentials credentials, string toNumber, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        var messages = await ReadMessagesAsync(
            credentials, new ReadMessageOptions { To = new PhoneNumber("whatsapp:" + toNumber) }, sentAfter, cancellationToken);
        var inbound = new List<TwilioInboundMessage>();
        foreach (var message in messages.Where(message => message.Direction == MessageResource.DirectionEnum.Inbound))
        {
            var numMedia = int.TryParse(message.NumMedia, NumberStyles.Integer, CultureInfo.InvariantCulture, out var media) ? media : 0;
            inbound.Add(new TwilioInboundMessage(
                message.Sid,
                PhoneNumberNormalizer.StripWhatsAppPrefix(message.From?.ToString() ?? string.Empty),
                PhoneNumberNormalizer.StripWhatsAppPrefix(message.To ?? string.Empty),
                message.Body ?? string.Empty,
                numMedia,
                message.DateSent is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null)
            {
                Media = numMedia > 0 ? await ListMediaAsync(credentials, message.Sid, cancellationToken) : [],
            });
        }

        return inbound.OrderBy(message => message.DateSent).ToList();
    }

    /// <summary>
    /// A message's media as the webhook would announce them: the media resource's URL (without .json) on Twilio's
    /// API host, and its content type.
    /// </summary>
    private async Task<IReadOnlyList<InboundMedia>> ListMediaAsync(TwilioCredentials credentials, string messageSid, CancellationToken cancellationToken)
    {
        try
        {
            var media = await MediaResource.ReadAsync(new ReadMediaOptions(messageSid), CreateClient(credentials)).WaitAsync(cancellationToken);
            var host = options.Value.ApiBaseUrl.ToString().TrimEnd('/');
            return media
                .Where(m => m.Uri is not null)
                .Select(m => new InboundMedia(host + (m.Uri.EndsWith(".json", StringComparison.Ordinal) ? m.Uri[..^5] : m.Uri), m.ContentType))
                .ToList();
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException)
        {
            throw Translate(ex);
        }
    }

    public async Task<IReadOnlyList<TwilioOutboundStatus>> ListOutboundStatusesAsync(
        TwilioCredentials credentials, string fromNumber, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        var messages = await ReadMessagesAsync(
            credentials, new ReadMessageOptions { From = new PhoneNumber("whatsapp:" + fromNumber) }, sentAfter, cancellationToken);
        return messages
            .Where(message => message.Direction != MessageResource.DirectionEnum.Inbound && message.Status is not null)
            .Select(message => new TwilioOutboundStatus(message.Sid, message.Status.ToString()!, message.ErrorCode))
            .ToList();
    }

    /// <summary>Twilio's message list since <paramref name="sentAfter"/>, bounded, with Twilio's errors translated.</summary>
    private async Task<IReadOnlyList<MessageResource>> ReadMessagesAsync(
        TwilioCredentials credentials, ReadMessageOptions options, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        options.DateSentAfter = sentAfter.UtcDateTime;
        options.PageSize = 100;
        options.Limit = MaxPolledMessages;
        try
        {
            return (await MessageResource.ReadAsync(options, CreateClient(credentials)).WaitAsync(cancellationToken)).ToList();
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException)
        {
            throw Translate(ex);
        }
    }

    private TwilioRequestException Translate(Exception ex)
    {
        switch (ex)
        {
            case ApiException api:
                TwilioCallFailed(logger, api.Status, api.Code);
                return new TwilioRequestException(
                    TwilioErrorText.Describe(api.Status, api.Code, api.Message), TwilioErrorText.DescribeForLog(api.Status, api.Code), api.Code,
                    isTransient: api.Status >= 500 || api.Status == 429 || api.Code == 63018, api);
            default:
                TwilioUnreachable(logger, ex.GetType().Name);
                return new TwilioRequestException(
                    TwilioErrorText.Unreachable(ex.InnerException?.Message ?? ex.Message),
                    $"Could not reach Twilio ({(ex.InnerException ?? ex).GetType().Name})", null, isTransient: true, ex);
        }
    }

    private TwilioRestClient CreateClient(TwilioCredentials credentials) =>
        new(credentials.AccountSid, credentials.AuthToken, accountSid: credentials.AccountSid,
            httpClient: new SystemNetHttpClient(httpClientFactory.CreateClient(HttpClientName)));

    // Debug only: each caller logs the outcome once, with what it was doing (a reply, a poll).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Twilio answered {Status} with error code {Code}")]
    private static partial void TwilioCallFailed(ILogger logger, int status, int code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Twilio could not be reached ({ErrorType})")]
    private static partial void TwilioUnreachable(ILogger logger, string errorType);
}
