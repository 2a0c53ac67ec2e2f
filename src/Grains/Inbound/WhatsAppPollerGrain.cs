using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Inbound;

/// <summary>
/// Polls Twilio for a consultant in polling mode and hands each inbound message to its conversation, the same
/// entry point the webhook uses (which deduplicates by MessageSid). Being a grain, there is exactly one per
/// consultant in the cluster; a reminder re-activates it after a restart and the timer does the polling.
/// </summary>
[GrainType("whatsapp-poller")]
public sealed partial class WhatsAppPollerGrain(
    [PersistentState("poller", StorageNames.Grains)] IPersistentState<PollerState> state,
    ITwilioGateway twilio,
    DeliveryStatusUpdates deliveryStatuses,
    ContactDirectory contacts,
    WhatsAppSenders senders,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<WhatsAppPollerGrain> logger) : Grain, IWhatsAppPollerGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-polling";

    // Messages can reach Twilio's list a little after their DateSent: look back this far (duplicates are ignored).
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StatusLookBack = TimeSpan.FromDays(1);

    private IGrainTimer? pollTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Enabled)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task SetEnabledAsync(bool enabled)
    {
        if (enabled == state.State.Enabled)
        {
            return;
        }

        state.State.Enabled = enabled;
        if (enabled)
        {
            state.State.Cursor ??= time.GetUtcNow();
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            StartTimer();
        }
        else
        {
            await state.WriteStateAsync();
            pollTimer?.Dispose();
            pollTimer = null;
            if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    public async Task<int> PollNowAsync(CancellationToken cancellationToken)
    {
        var consultantId = this.GetPrimaryKey();
        var settings = await GrainFactory.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        if (settings is null)
        {
            return 0;
        }

        var since = (state.State.Cursor ?? time.GetUtcNow()) - Overlap;
        var handed = 0;
        try
        {
            var inbound = await twilio.ListInboundAsync(
                senders.CredentialsOf(settings),
                settings.WhatsAppNumber, since, cancellationToken);
            foreach (var message in inbound)
            {
                // A phone number or a BSUID, as the webhook takes it (anything else is not a contact).
                if (ContactAddress.FromWhatsApp(message.From) is not { } from)
                {
                    continue;
                }

                var receivingAddress = await contacts.ReceivingAddressAsync(consultantId, from, []);
                var conversation = GrainFactory.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, receivingAddress));
                var outcome = await conversation.ReceiveAsync(new InboundWhatsAppMessage(
                    message.Sid, from, settings.WhatsAppNumber, message.Body, message.NumMedia, null, null,
                    message.DateSent ?? time.GetUtcNow(), MessageSource.Poller) { Media = message.Media });
                handed += outcome == ReceiveOutcome.Accepted ? 1 : 0;
                if (message.DateSent is { } sent && (state.State.Cursor is null || sent > state.State.Cursor))
                {
                    state.State.Cursor = sent;
                }
            }

            await RefreshDeliveryStatusesAsync(consultantId, settings, cancellationToken);
            state.State.LastError = null;
        }
        catch (TwilioRequestException ex)
        {
            PollFailed(logger, consultantId, ex.ErrorCode);
            state.State.LastError = ex.Message;
        }

        state.State.LastPollAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return handed;
    }

    /// <summary>
    /// Polling installs get no status callbacks: the ticks of the last day's sent messages are read from Twilio
    /// instead, with the same forward-only rule.
    /// </summary>
    private async Task RefreshDeliveryStatusesAsync(Guid consultantId, ConsultantReplySettings settings, CancellationToken cancellationToken)
    {
        var statuses = await twilio.ListOutboundStatusesAsync(
            senders.CredentialsOf(settings),
            settings.WhatsAppNumber, time.GetUtcNow() - StatusLookBack, cancellationToken);
        foreach (var status in statuses.Where(s => MessageStatus.FromTwilio.Contains(s.Status)))
        {
            await deliveryStatuses.ApplyAsync(consultantId, status.Sid, status.Status, status.ErrorCode, rememberIfUnknown: false, cancellationToken);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Enabled)
        {
            StartTimer();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartTimer()
    {
        if (pollTimer is not null)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        pollTimer = this.RegisterGrainTimer(
            cancellationToken => PollNowAsync(cancellationToken),
            new GrainTimerCreationOptions(TimeSpan.Zero, interval) { KeepAlive = true });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Twilio failed for consultant {ConsultantId} (error {Code})")]
    private static partial void PollFailed(ILogger logger, Guid consultantId, int? code);
}
