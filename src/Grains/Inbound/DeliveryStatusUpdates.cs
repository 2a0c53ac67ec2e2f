using Consultant.Grains.Abstractions;
using Consultant.Grains.Hooks;
using Consultant.Grains.Twilio;

namespace Consultant.Grains.Inbound;

/// <summary>
/// The one way a delivery status from Twilio is applied, whether it came in a status callback or was read by the
/// poller: forward only, the dashboards told, the hooks called. Returns whether anything changed.
/// </summary>
public sealed class DeliveryStatusUpdates(DeliveryStatusStore messages, IGrainFactory grains, ConversationHooks hooks, TimeProvider time)
{
    /// <param name="rememberIfUnknown">
    /// A callback may overtake the send's response: keep it until the sid is recorded. The poller only sees sids that
    /// were recorded long ago, so it passes false.
    /// </param>
    public async Task<bool> ApplyAsync(
        Guid consultantId, string twilioSid, string status, int? errorCode, bool rememberIfUnknown, CancellationToken cancellationToken = default)
    {
        var code = errorCode is > 0 ? errorCode : null;
        var errorText = code is { } known ? TwilioErrorText.DescribeDelivery(known) : null;
        var changed = await messages.AdvanceStatusAsync(consultantId, twilioSid, status, code, errorText, time.GetUtcNow(), rememberIfUnknown);
        if (changed is null)
        {
            return false; // unknown sid or older news
        }

        await grains.GetGrain<IConsultantEventsGrain>(consultantId)
            .PublishAsync(new DashboardEvent(consultantId, DashboardEventNames.MessageStatusChanged, changed, null));
        await hooks.DeliveryStatusChangedAsync(new DeliveryStatusChange(consultantId, changed, code), cancellationToken);
        return true;
    }
}
