using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Twilio;

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
