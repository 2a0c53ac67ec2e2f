using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// <see cref="LeadFunnel.LeadWroteAsync"/> skips its statement for a lead known to be engaged (<see cref="EngagedLeads"/>):
/// the skip must never hide a stage that still has to be recorded.
/// </summary>
public sealed class LeadFunnelHintTests : HostFixture
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private LeadFunnel Funnel => Host.Services.GetRequiredService<LeadFunnel>();

    [Test]
    public async Task A_contact_engaged_with_one_consultant_is_still_recorded_new_then_engaged_with_another()
    {
        using var first = await Host.RegisterConsultantAsync();
        using var second = await Host.RegisterConsultantAsync();
        const string phone = "+393480000031";
        await WritesAnsweredAndWritesAgainAsync(first.Id, phone);
        Assert.That(await StagesAsync(first.Id, phone), Is.EqualTo(new[] { "new:auto", "engaged:auto" }));

        await WritesAnsweredAndWritesAgainAsync(second.Id, phone);

        Assert.That(await StagesAsync(second.Id, phone), Is.EqualTo(new[] { "new:auto", "engaged:auto" }), "the hint is the first consultant's");
    }

    [Test]
    public async Task A_lead_not_engaged_yet_is_asked_again_on_each_message_until_they_are()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        const string phone = "+393480000032";
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday);
        await Funnel.LeadWroteAsync(consultant.Id, phone, Monday);
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday.AddMinutes(1));
        await Funnel.LeadWroteAsync(consultant.Id, phone, Monday.AddMinutes(1));
        Assert.That(await StagesAsync(consultant.Id, phone), Is.EqualTo(new[] { "new:auto" }), "nothing of ours reached them yet");

        await data.AddMessageAsync(phone, "outbound", "ai", "delivered", Monday.AddMinutes(2));
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday.AddMinutes(3));
        await Funnel.LeadWroteAsync(consultant.Id, phone, Monday.AddMinutes(3));

        Assert.That(await StagesAsync(consultant.Id, phone), Is.EqualTo(new[] { "new:auto", "engaged:auto" }));
    }

    /// <summary>The lead writes, is answered and writes again, each message told to the funnel as the hook tells it.</summary>
    private async Task WritesAnsweredAndWritesAgainAsync(Guid consultantId, string phone)
    {
        var data = new LeadFunnelData(Host, consultantId);
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday);
        await Funnel.LeadWroteAsync(consultantId, phone, Monday);
        await data.AddMessageAsync(phone, "outbound", "ai", "delivered", Monday.AddMinutes(1));
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday.AddMinutes(2));
        await Funnel.LeadWroteAsync(consultantId, phone, Monday.AddMinutes(2));
        await data.AddMessageAsync(phone, "inbound", "lead", "received", Monday.AddMinutes(3));
        await Funnel.LeadWroteAsync(consultantId, phone, Monday.AddMinutes(3)); // known engaged: skipped, nothing to add
    }

    private async Task<IReadOnlyList<string>> StagesAsync(Guid consultantId, string phone) =>
        (await Host.Services.GetRequiredService<LeadStageEvents>().ListAsync(consultantId, phone)).Select(e => $"{e.Stage}:{e.Source}").ToList();
}
