using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Twilio;

public sealed record TwilioCredentials(string AccountSid, string AuthToken);

public sealed record TwilioAccountCheck(bool Success, string Message);

public sealed record TwilioSentMessage(string Sid, string Status);

/// <summary>Where one of our sent messages stands at Twilio (polling mode reads this instead of status callbacks).</summary>
public sealed record TwilioOutboundStatus(string Sid, string Status, int? ErrorCode);

public sealed record TwilioInboundMessage(
    string Sid, string From, string To, string Body, int NumMedia, DateTimeOffset? DateSent)
{
    /// <summary>The media of the message (read from its Media list when it has any).</summary>
    public IReadOnlyList<InboundMedia> Media { get; init; } = [];
}

/// <summary>
/// Twilio refused or could not be reached. <see cref="IsTransient"/>: worth trying again later. <see cref="LogReason"/>:
/// the reason without Twilio's own text (which can quote a phone number or the message), for the log.
/// </summary>
public sealed class TwilioRequestException(string message, string logReason, int? errorCode, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public string LogReason { get; } = logReason;

    public int? ErrorCode { get; } = errorCode;

    public bool IsTransient { get; } = isTransient;
}

/// <summary>Everything the product asks of Twilio goes through here (the SDK underneath).</summary>
public interface ITwilioGateway
{
    Task<TwilioAccountCheck> CheckAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one WhatsApp message; numbers are E.164 (the whatsapp: prefix is added here). With a template, Twilio
    /// sends the approved content with its variables and <paramref name="body"/> is not sent. <paramref name="mediaUrl"/>:
    /// a file Twilio fetches and attaches.
    /// </summary>
    Task<TwilioSentMessage> SendWhatsAppAsync(
        TwilioCredentials credentials, string fromNumber, string toNumber, string body, OutboundTemplate? template, Uri? mediaUrl, Uri? statusCallback,
        CancellationToken cancellationToken);

    /// <summary>Inbound WhatsApp messages to <paramref name="toNumber"/> sent after <paramref name="sentAfter"/>, oldest first.</summary>
    Task<IReadOnlyList<TwilioInboundMessage>> ListInboundAsync(
        TwilioCredentials credentials, string toNumber, DateTimeOffset sentAfter, CancellationToken cancellationToken);

    /// <summary>The status of the WhatsApp messages sent from <paramref name="fromNumber"/> after <paramref name="sentAfter"/>.</summary>
    Task<IReadOnlyList<TwilioOutboundStatus>> ListOutboundStatusesAsync(
        TwilioCredentials credentials, string fromNumber, DateTimeOffset sentAfter, CancellationToken cancellationToken);
}
