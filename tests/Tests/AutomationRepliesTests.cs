using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.FollowUps;
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

    [Test]
    public async Task The_report_counts_each_follow_up_rule_and_each_origin_in_the_consultants_days_from_the_one_definition()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
        // 23:30 UTC on 4 March is 00:30 on 5 March in Rome, the consultant's zone: a day of 5 March, not of the 4th.
        var lateEvening = new DateTimeOffset(2026, 3, 4, 23, 30, 0, TimeSpan.Zero);

        await rows.FollowUpSentAsync("+393470002001", "lead_24h", lateEvening);
        await rows.InboundAsync("+393470002001", lateEvening.AddHours(1)); // replied
        await rows.FollowUpSentAsync("+393470002002", "lead_24h", lateEvening.AddHours(2)); // never answered
        await rows.FollowUpSentAsync("+393470002003", "before_1h", lateEvening.AddHours(3));
        await rows.InboundAsync("+393470002003", lateEvening.AddHours(4));
        var superseded = await rows.FollowUpSentAsync("+393470002004", "client_7d", lateEvening.AddHours(5));
        await rows.OutboundAsync("+393470002004", "broadcast", lateEvening.AddHours(6));
        await rows.InboundAsync("+393470002004", lateEvening.AddHours(7)); // the broadcast's reply, not the check-in's
        await rows.FollowUpSentAsync("sim:+393470002005", "lead_24h", lateEvening.AddHours(1));
        await rows.InboundAsync("sim:+393470002005", lateEvening.AddHours(2));
        await new LedgerRows(Host.ConnectionString, other.Id).FollowUpSentAsync("+393470002001", "lead_24h", lateEvening);

        var report = Host.Services.GetRequiredService<AutomationReplyReport>();
        var fifth = AnalyticsPeriod.Of(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 5)).Value!;
        var figures = await report.GetAsync(consultant.Id, fifth);
        Assert.That(figures.TimeZone, Is.EqualTo("Europe/Rome"));
        Assert.That(figures.FollowUpRules, Is.EqualTo(new[]
        {
            new FollowUpReplyRate("lead_24h", 2, 1, 0.5),
            new FollowUpReplyRate("before_1h", 1, 1, 1),
            new FollowUpReplyRate("client_7d", 1, 0, 0),
        }), "most sent first; the check-in's contact answered the broadcast sent after it");
        Assert.That(figures.Origins, Is.EqualTo(new[]
        {
            new AutomationReplyRate("followup", 4, 2, 0.5),
            new AutomationReplyRate("broadcast", 1, 1, 1),
            new AutomationReplyRate("flow", 0, 0, null),
        }));
        var replies = Host.Services.GetRequiredService<AutomationReplies>();
        Assert.That((await replies.RepliesToAsync(consultant.Id, [superseded]))[superseded], Is.Null);

        var withSimulator = await report.GetAsync(consultant.Id, fifth, includeSimulator: true);
        Assert.That(withSimulator.FollowUpRules[0], Is.EqualTo(new FollowUpReplyRate("lead_24h", 3, 2, 2 / 3d)));

        var fourth = AnalyticsPeriod.Of(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4)).Value!;
        Assert.That((await report.GetAsync(consultant.Id, fourth)).FollowUpRules, Is.Empty, "in Rome nothing was sent on the 4th");
        Assert.That((await report.GetAsync(other.Id, fifth)).FollowUpRules, Is.EqualTo(new[] { new FollowUpReplyRate("lead_24h", 1, 0, 0) }),
            "another consultant counts only their own");

    }
}
