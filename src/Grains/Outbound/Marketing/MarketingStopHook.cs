using Consultant.Grains.Hooks;

namespace Consultant.Grains.Outbound.Marketing;

/// <summary>A failed status with 131050 (the contact stopped marketing messages) sets the contact's flag.</summary>
public sealed class MarketingStopHook(MarketingConsent consent, TimeProvider time) : IConversationHook
{
    public Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken) =>
        change.ErrorCode == MarketingErrorCodes.StoppedMarketing
            ? consent.MarkStoppedAsync(change.ConsultantId, change.Message.ContactPhone, MarketingErrorCodes.StoppedMarketing, change.Message.Id, time.GetUtcNow())
            : Task.CompletedTask;
}
