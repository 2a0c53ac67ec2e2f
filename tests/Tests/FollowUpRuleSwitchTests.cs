using System.Globalization;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// A silence rule switched on (or given a new delay) plans the nudge our answer would have planned in every conversation
/// of the consultant we answered after the contact's last message (<see cref="FollowUpSilence.AnchorAnsweredAsync"/>),
/// and only there. The rules are saved on a fake clock; the conversations are ledger rows at fixed times in 2030, and our
/// answers anchor as the hook does (<see cref="FollowUpSilence.AnchorAsync"/>). Quiet hours off.
/// </summary>
public sealed class FollowUpRuleSwitchTests : PipelineFixture
{
    private static readonly DateTimeOffset Now = new(2030, 6, 10, 10, 0, 0, TimeSpan.Zero);

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "00:00",
        ["FollowUps:QuietHoursEnd"] = "00:00",
    };

    /// <summary>The page's service with its clock at <see cref="Now"/>.</summary>
    private FollowUpService Service => ActivatorUtilities.CreateInstance<FollowUpService>(Host.Services, (TimeProvider)new FakeTimeProvider(Now));

    private FollowUpSilence Silence => Host.Services.GetRequiredService<FollowUpSilence>();

    /// <summary>The sweep is the whole cluster's: what a test leaves upcoming must not be claimed by the next test's sweeps.</summary>
    [TearDown]
    public Task CancelLeftoversAsync() =>
        Db.ExecuteAsync(ConnectionString, "UPDATE whatsapp_followup_reminders SET status = 'cancelled' WHERE status IN ('pending', 'paused')");

    [Test]
    public async Task Switching_a_silence_rule_on_plans_the_nudge_of_each_answered_conversation_of_the_consultant_once_and_of_no_other()
    {
        var rule = FollowUpClock.On(FollowUpRuleKeys.Lead24h);
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        await SaveAsync(consultant.Id, rule);
        await SaveAsync(other.Id, rule);
        var rows = new LedgerRows(ConnectionString, consultant.Id);

        var answered = await AnsweredAsync(rows, consultant.Id, isLead: true, Now.AddHours(-2));
        Assert.That(await UpcomingAsync(answered), Is.EqualTo(new[] { $"pending::{Now.AddHours(21):O}" }), "planned by our answer");
        var late = await AnsweredAsync(rows, consultant.Id, isLead: true, Now.AddHours(-30)); // its nudge was due 7 hours ago
        var optedOut = await AnsweredAsync(rows, consultant.Id, isLead: true, Now.AddHours(-2));
        var client = await AnsweredAsync(rows, consultant.Id, isLead: false, Now.AddHours(-2));
        var needsReply = await AnsweredAsync(rows, consultant.Id, isLead: true, Now.AddHours(-2));
        var waiting = await AnsweredAsync(rows, consultant.Id, isLead: true, Now.AddHours(-3));
        await rows.InboundAsync(waiting, Now.AddHours(-1)); // not answered yet: our answer will plan it
        var othersLead = await AnsweredAsync(new LedgerRows(ConnectionString, other.Id), other.Id, isLead: true, Now.AddHours(-2));

        await SaveAsync(consultant.Id, rule with { Enabled = false });
        Assert.That(await UpcomingAsync(answered), Is.Empty, "switched off: its nudge cancelled");
        // While it was off: a contact wrote STOP, a lead asked for a person.
        await Db.ExecuteAsync(ConnectionString, $"UPDATE conversations SET opted_out = true WHERE contact_phone = '{optedOut}'");
        await Db.ExecuteAsync(ConnectionString, $"UPDATE conversations SET needs_reply = true WHERE contact_phone = '{needsReply}'");
        // Their rows gone, so nothing but the conditions keeps a new one out (the dedupe key would refuse one on the same message).
        await Db.ExecuteAsync(ConnectionString, $"DELETE FROM whatsapp_followup_reminders WHERE contact_phone IN ('{othersLead}', '{optedOut}', '{client}', '{needsReply}', '{waiting}')");

        await SaveAsync(consultant.Id, rule);

        var planned = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (name, phone) in new[] { ("answered", answered), ("needsReply", needsReply), ("late", late), ("optedOut", optedOut), ("client", client), ("waiting", waiting), ("othersLead", othersLead) })
        {
            planned[name] = await UpcomingAsync(phone);
        }

        Assert.Multiple(() =>
        {
            Assert.That(planned["answered"], Is.EqualTo(new[] { $"pending::{Now.AddHours(21):O}" }), "due 23 hours after the lead's last message");
            Assert.That(planned["needsReply"], Is.EqualTo(new[] { $"paused:{FollowUpReasons.NeedsReply}:{Now.AddHours(21):O}" }), "held for your reply");
            Assert.That(planned["late"], Is.Empty, "its time has passed");
            Assert.That(planned["optedOut"], Is.Empty, "opted out");
            Assert.That(planned["client"], Is.Empty, "a lead rule: not for a client");
            Assert.That(planned["waiting"], Is.Empty, "still waiting for our answer");
            Assert.That(planned["othersLead"], Is.Empty, "another consultant's conversation");
        });
        var all = await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE consultant_id = @c", ("c", consultant.Id));

        await SaveAsync(consultant.Id, rule);
        Assert.That(await Silence.AnchorAnsweredAsync(consultant.Id, [FollowUpRuleKeys.Lead24h], Now), Is.Zero, "planning again adds none");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE consultant_id = @c", ("c", consultant.Id)), Is.EqualTo(all));
        Assert.That(await UpcomingAsync(answered), Is.EqualTo(new[] { $"pending::{Now.AddHours(21):O}" }));
    }

    [Test]
    public async Task A_new_delay_plans_the_nudge_of_an_answered_conversation_whose_time_had_passed_under_the_old_one()
    {
        var rule = FollowUpClock.On(FollowUpRuleKeys.Lead24h) with { DelayMinutes = 10 * 60 };
        using var consultant = await Host.RegisterConsultantAsync();
        await SaveAsync(consultant.Id, rule);
        var rows = new LedgerRows(ConnectionString, consultant.Id);
        var phone = NewContactPhone();
        await rows.ConversationAsync(phone, isLead: true);
        await rows.InboundAsync(phone, Now.AddHours(-12));
        await rows.OutboundAsync(phone, "consultant", Now.AddHours(-1)); // answered 11 hours later: 10 hours had passed
        await Silence.AnchorAsync(consultant.Id, phone, Now.AddHours(-1));
        Assert.That(await UpcomingAsync(phone), Is.Empty, "too late for the old delay");

        await SaveAsync(consultant.Id, rule with { DelayMinutes = 23 * 60 });

        Assert.That(await UpcomingAsync(phone), Is.EqualTo(new[] { $"pending::{Now.AddHours(11):O}" }), "23 hours after the lead's message");
    }

    private async Task SaveAsync(Guid consultantId, FollowUpRule rule)
    {
        var saved = await Service.SaveRulesAsync(consultantId, [rule]);
        Assert.That(saved.Succeeded, saved.Errors.ToString());
    }

    /// <summary>A conversation whose contact wrote at <paramref name="wrote"/> and got our answer a minute later (the hook's anchoring too).</summary>
    private async Task<string> AnsweredAsync(LedgerRows rows, Guid consultantId, bool isLead, DateTimeOffset wrote)
    {
        var phone = NewContactPhone();
        await rows.ConversationAsync(phone, isLead);
        await rows.InboundAsync(phone, wrote);
        await rows.OutboundAsync(phone, "ai", wrote.AddMinutes(1));
        await Silence.AnchorAsync(consultantId, phone, wrote.AddMinutes(1));
        return phone;
    }

    /// <summary>The conversation's upcoming nudges as status:reason:due (UTC).</summary>
    private async Task<IReadOnlyList<string>> UpcomingAsync(string phone)
    {
        var found = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT status, coalesce(reason, ''), scheduled_for FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status IN ('pending', 'paused') ORDER BY scheduled_for",
            connection);
        command.Parameters.AddWithValue("p", phone);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var due = new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero);
            found.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}:{reader.GetString(1)}:{due:O}"));
        }

        return found;
    }
}
