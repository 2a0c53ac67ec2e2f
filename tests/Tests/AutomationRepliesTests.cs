using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The one definition of a reply to automation: the first inbound message within 72 hours after an automated message
/// (follow-up, broadcast, flow) counts as the reply to the latest such message before it.
/// </summary>
public sealed class AutomationRepliesTests : HostFixture
{
    private static readonly DateTimeOffset Sent = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeRange Week = new(Sent.AddDays(-1), Sent.AddDays(6));

    [Test]
    public async Task The_first_inbound_within_72_hours_replies_to_the_latest_automated_message_only()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);

        var answered = await rows.OutboundAsync("+393470001001", "followup", Sent);
        var reply = await rows.InboundAsync("+393470001001", Sent.AddHours(2));
        await rows.InboundAsync("+393470001001", Sent.AddHours(3)); // a second message is no second reply

        await rows.OutboundAsync("+393470001002", "broadcast", Sent);
        await rows.InboundAsync("+393470001002", Sent.AddHours(73)); // too late

        var earlier = await rows.OutboundAsync("+393470001003", "followup", Sent);
        var latest = await rows.OutboundAsync("+393470001003", "followup", Sent.AddHours(1));
        await rows.InboundAsync("+393470001003", Sent.AddHours(5)); // replies to the latest follow-up only

        await rows.OutboundAsync("+393470001004", "flow", Sent, status: "failed"); // never reached the contact: not counted
        await rows.InboundAsync("+393470001004", Sent.AddHours(1));

        await rows.OutboundAsync("sim:+393470001005", "followup", Sent); // the simulator
        await rows.InboundAsync("sim:+393470001005", Sent.AddHours(1));

        var otherRows = new LedgerRows(Host.ConnectionString, other.Id);
        await otherRows.OutboundAsync("+393470001001", "followup", Sent);
        await otherRows.InboundAsync("+393470001001", Sent.AddHours(1));

        var replies = Host.Services.GetRequiredService<AutomationReplies>();
        Assert.That(await replies.RatesAsync(consultant.Id, Week), Is.EqualTo(new[]
        {
            new AutomationReplyRate("followup", 3, 2, 2 / 3d),
            new AutomationReplyRate("broadcast", 1, 0, 0),
            new AutomationReplyRate("flow", 0, 0, null),
        }));
        Assert.That((await replies.RatesAsync(consultant.Id, Week, includeSimulator: true))[0], Is.EqualTo(new AutomationReplyRate("followup", 4, 3, 0.75)));
        Assert.That((await replies.RatesAsync(other.Id, Week))[0], Is.EqualTo(new AutomationReplyRate("followup", 1, 1, 1)));

        var byMessage = await replies.RepliesToAsync(consultant.Id, [answered, earlier, latest]);
        Assert.That(byMessage[answered], Is.EqualTo((reply, Sent.AddHours(2))));
        Assert.That(byMessage[earlier], Is.Null);
        Assert.That(byMessage[latest]?.RepliedAt, Is.EqualTo(Sent.AddHours(5)));
        Assert.That(await replies.RepliesToAsync(other.Id, [answered]), Is.Empty, "another consultant's message is not theirs to see");
    }
}
