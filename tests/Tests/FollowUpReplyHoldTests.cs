using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Our answer (<see cref="FollowUpSilence.AnchorAsync"/>, what the hook does) runs the reply hold only when it has
/// something to look at: a nudge pending (held while the conversation needs the consultant's reply) or one held (planned
/// again once the reply is given). Both cases must still get it. Fixed times in 2030; quiet hours off.
/// </summary>
public sealed class FollowUpReplyHoldTests : PipelineFixture
{
    private static readonly DateTimeOffset Start = new(2030, 6, 10, 10, 0, 0, TimeSpan.Zero);

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "00:00",
        ["FollowUps:QuietHoursEnd"] = "00:00",
    };

    private FollowUpService Service => Host.Services.GetRequiredService<FollowUpService>();

    private FollowUpSilence Silence => Host.Services.GetRequiredService<FollowUpSilence>();

    /// <summary>The sweep is the whole cluster's: what a test leaves upcoming must not be claimed by the next test's sweeps.</summary>
    [TearDown]
    public Task CancelLeftoversAsync() =>
        Db.ExecuteAsync(ConnectionString, "UPDATE whatsapp_followup_reminders SET status = 'cancelled' WHERE status IN ('pending', 'paused')");

    [Test]
    public async Task Our_answer_holds_a_pending_nudge_while_the_reply_is_owed_and_plans_the_held_one_again_from_the_consultants_answer()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        Assert.That((await Service.SaveRulesAsync(consultant.Id, [FollowUpClock.On(FollowUpRuleKeys.Lead24h)])).Succeeded);
        var phone = "+39347" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = new LedgerRows(ConnectionString, consultant.Id);
        await rows.ConversationAsync(phone, isLead: true);

        await rows.InboundAsync(phone, Start);
        await rows.OutboundAsync(phone, "ai", Start.AddMinutes(1));
        await Silence.AnchorAsync(consultant.Id, phone, Start.AddMinutes(1));
        var planned = await NudgeAsync(consultant.Id);
        Assert.That(planned.Status, Is.EqualTo(FollowUpStatus.Pending), "planned on the contact's message");
        var delay = planned.ScheduledFor - Start;

        // The contact asks for a person: the AI's answer says the consultant will reply, and the nudge must wait for that.
        await NeedsReplyAsync(phone, true);
        await rows.InboundAsync(phone, Start.AddHours(2));
        await rows.OutboundAsync(phone, "ai", Start.AddHours(2).AddMinutes(1));
        await Silence.AnchorAsync(consultant.Id, phone, Start.AddHours(2).AddMinutes(1));
        var held = await NudgeAsync(consultant.Id);
        Assert.That((held.Status, held.Reason), Is.EqualTo((FollowUpStatus.Paused, FollowUpReasons.NeedsReply)), "held by our answer");

        // The consultant answers: nothing else pending, only the held nudge, which goes again from that answer.
        await NeedsReplyAsync(phone, false);
        await rows.OutboundAsync(phone, "consultant", Start.AddHours(5));
        await Silence.AnchorAsync(consultant.Id, phone, Start.AddHours(5));
        var again = await NudgeAsync(consultant.Id);
        Assert.Multiple(() =>
        {
            Assert.That((again.Status, again.Reason), Is.EqualTo((FollowUpStatus.Pending, (string?)null)), "planned again by the answer");
            Assert.That(again.ScheduledFor, Is.EqualTo(Start.AddHours(5) + delay), "from the consultant's answer");
        });
    }

    private async Task<FollowUp> NudgeAsync(Guid consultantId) => (await Service.ListAsync(consultantId, null)).Value!.Items.Single();

    private Task NeedsReplyAsync(string phone, bool needsReply) =>
        Db.ExecuteAsync(ConnectionString, $"UPDATE conversations SET needs_reply = {needsReply} WHERE contact_phone = '{phone}'");
}
