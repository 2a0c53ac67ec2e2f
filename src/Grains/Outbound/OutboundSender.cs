using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Messages;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Outbound;

/// <summary>
/// Delivers a stored outbound message (an AI reply part or a consultant's message) and records the result.
/// WhatsApp goes through Twilio with transient failures retried; the simulator's channel is delivered at once,
/// since the dashboard shows it from the table. A message that is not sent is logged once, at warning, with the
/// conversation's id and a reason that holds no phone number, message text or secret.
/// </summary>
public sealed partial class OutboundSender(
    ITwilioGateway twilio,
    ReplyLedger ledger,
    DeliveryStatusStore deliveryStatuses,
    IOptions<TwilioOptions> twilioOptions,
    IOptions<WhatsAppOptions> whatsAppOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<OutboundSender> logger)
{
    private const string SimulatorSidPrefix = "SIM";

    /// <summary>Where Twilio reports delivery (the API's status-callback endpoint), when the public URL is known.</summary>
    private Uri? StatusCallback => whatsAppOptions.Value.PublicBaseUrl is { } baseUrl
        ? new Uri(baseUrl.ToString().TrimEnd('/') + "/api/whatsapp/status-callback")
        : null;

    /// <summary>Returns null when delivered; otherwise why not, in words (the message is marked failed).</summary>
    public async Task<string?> SendAsync(OutboundMessage message, WhatsAppSender? sender, CancellationToken cancellationToken)
    {
        if (message.Channel == MessageChannel.Simulator)
        {
            await RecordSentAsync(message, new TwilioSentMessage(SimulatorSidPrefix + Guid.NewGuid().ToString("N"), MessageStatus.Delivered));
            return null;
        }

        if (sender is null)
        {
            await ledger.MarkFailedAsync(message.ConsultantId, message.MessageId, SendProblemText.NotConfigured);
            NotSent(logger, message.MessageId, ConversationOf(message), SendProblemText.NotConfigured);
            return SendProblemText.NotConfigured;
        }

        var options = twilioOptions.Value;
        var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds);
        // The first attempt is counted with its outcome (the sid or the failure), one statement fewer for nearly every
        // message; a retry counts itself and the first before Twilio is asked again, so "2 attempts" shows while it runs.
        // (Should the silo stop between Twilio's answer and the sid's record, that first attempt goes uncounted.)
        var uncounted = 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await ledger.CountAttemptsAsync(message.ConsultantId, message.MessageId, uncounted + 1);
                    uncounted = 0;
                }

                var result = await twilio.SendWhatsAppAsync(
                    sender.Credentials, sender.FromNumber, message.ContactPhone, message.Body, message.Template, message.MediaUrl, StatusCallback, cancellationToken);
                await RecordSentAsync(message, result, uncounted);
                return null;
            }
            catch (TwilioRequestException ex) when (cancellationToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Stopping (or the consultant took over): not the message's failure, and no retry now (a failure
                // while the silo stops is the stop, not Twilio). Twilio may have it already; a resumed batch sends
                // the part again (the documented bound).
                throw new OperationCanceledException("Sending was cancelled.", ex, cancellationToken);
            }
            catch (TwilioRequestException ex) when (ex.IsTransient && attempt < options.MaxAttempts)
            {
                Retrying(logger, message.MessageId, ConversationOf(message), ex.LogReason, attempt, options.MaxAttempts);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
            catch (TwilioRequestException ex)
            {
                await ledger.MarkFailedAsync(message.ConsultantId, message.MessageId, ex.Message, ex.ErrorCode, uncounted);
                NotSent(logger, message.MessageId, ConversationOf(message), ex.LogReason);
                return SendProblemText.CouldNotSend(ex.Message);
            }
        }
    }

    private static Guid ConversationOf(OutboundMessage message) => ConversationKey.IdFor(message.ConsultantId, message.ContactPhone);

    /// <summary>
    /// Twilio has the message: record its sid, trying hard, because a part without a sid is sent again if its
    /// batch is resumed. Only if the database stays down for the whole back-off does the exception escape.
    /// </summary>
    private async Task RecordSentAsync(OutboundMessage message, TwilioSentMessage result, int uncountedAttempts = 0)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliveryStatuses.MarkSentAsync(message.ConsultantId, message.MessageId, result.Sid, result.Status, time.GetUtcNow(), uncountedAttempts);
                return;
            }
            catch (Npgsql.NpgsqlException) when (attempt < 5)
            {
                await Task.Delay(delay, time, CancellationToken.None); // Twilio has it: finish recording even if cancelled
                delay *= 2;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of conversation {ConversationId} was not sent: {Reason}")]
    private static partial void NotSent(ILogger logger, Guid messageId, Guid conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sending message {MessageId} of conversation {ConversationId} failed ({Reason}); attempt {Attempt} of {MaxAttempts}, trying again")]
    private static partial void Retrying(ILogger logger, Guid messageId, Guid conversationId, string reason, int attempt, int maxAttempts);
}
