using Consultant.Grains.Hooks;

namespace Consultant.Grains.Analytics;

/// <summary>Each message a lead writes may be their first (new) or one after an answer (engaged): <see cref="LeadFunnel.LeadWroteAsync"/>.</summary>
public sealed class LeadFunnelHook(LeadFunnel funnel) : IConversationHook
{
    public Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken) =>
        message.FromLead ? funnel.LeadWroteAsync(message.ConsultantId, message.Phone, message.ReceivedAt) : Task.CompletedTask;
}
