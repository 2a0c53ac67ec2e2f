using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The tests that read a conversation's next follow-up as the chat's chip does, on its live events: quiet hours off (the
/// times do not depend on the hour the test runs), and a lead answered by the AI with the silence nudge that answer planned.
/// </summary>
public abstract class FollowUpChipFixture : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "00:00",
        ["FollowUps:QuietHoursEnd"] = "00:00",
    };

    protected FollowUpService Service => Host.Services.GetRequiredService<FollowUpService>();

    /// <summary>A new tenant's lead writes once and is answered from the key pool; returns the nudge that answer planned.</summary>
    protected async Task<AnsweredLead> LeadAnsweredWithANudgeAsync(string poolKey)
    {
        await AddPoolKeyAsync(poolKey);
        var tenant = await NewTenantAsync();
        var saved = await Service.SaveRulesAsync(tenant.Consultant.Id, [FollowUpClock.On(FollowUpRuleKeys.Lead24h)]);
        Assert.That(saved.Succeeded, saved.Errors.ToString());
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "Ciao, vorrei sapere qualcosa sui vostri programmi di allenamento");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var planned = await Poll.UntilAsync(() => Service.NextForConversationAsync(tenant.Consultant.Id, conversationId),
            next => next?.Status == FollowUpStatus.Pending, TimeSpan.FromSeconds(30), "the nudge planned by the AI's answer");
        return new AnsweredLead(tenant, lead, conversationId, planned!);
    }

    protected sealed record AnsweredLead(WhatsAppTenant Tenant, string Phone, Guid ConversationId, FollowUp Planned) : IDisposable
    {
        public void Dispose() => Tenant.Dispose();
    }
}
