using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The funnel of a period: the cohort is the leads who first wrote in it (the consultant's local days, Europe/Rome by
/// default), each stage counts the leads whose furthest stage is at least that one.
/// </summary>
public sealed class LeadFunnelReportTests : HostFixture
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero); // ISO week 2026-W10

    private LeadFunnelReport Report => Host.Services.GetRequiredService<LeadFunnelReport>();

    [Test]
    public async Task A_lead_who_skips_stages_counts_in_every_stage_up_to_its_furthest_and_no_stage_exceeds_the_one_before()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        // Only wrote.
        await data.NewLeadAsync("+393480000001", Monday);
        // Booked straight away: engaged and qualified skipped.
        await data.NewLeadAsync("+393480000002", Monday.AddDays(1));
        Assert.That(await data.ReachAsync("+393480000002", LeadStage.Booked, Monday.AddDays(1).AddHours(2), LeadStageSource.Booking), Is.True);
        // Answered, wrote again (engaged), then became a client a day after their first message.
        await data.NewLeadAsync("+393480000003", Monday.AddDays(2));
        await data.AddMessageAsync("+393480000003", "outbound", "ai", "delivered", Monday.AddDays(2).AddMinutes(1));
        await data.LeadWritesAsync("+393480000003", Monday.AddDays(2).AddMinutes(5));
        await data.ReachAsync("+393480000003", LeadStage.Converted, Monday.AddDays(3), LeadStageSource.Auto);

        var figures = await Report.GetAsync(consultant.Id, Period("2026-03-02", "2026-03-08"));

        Assert.That(await data.StagesAsync("+393480000002"), Is.EqualTo(new[] { "new:auto", "booked:booking" }), "no stage invented");
        Assert.That(figures.Leads, Is.EqualTo(3));
        Assert.That(figures.Stages.Select(s => (s.Stage, s.Count, s.DropOff)), Is.EqualTo(new (string, int, int?)[]
        {
            ("new", 3, 1), ("engaged", 2, 0), ("qualified", 2, 0), ("booked", 2, 1), ("converted", 1, null),
        }));
        Assert.That(figures.Stages[3].DropOffRate, Is.EqualTo(0.5));
        Assert.That(figures.Stages[1].ShareOfLeads, Is.EqualTo(2.0 / 3));
        // Engaged reached after 5 minutes (their second message) and after 2 hours (with the booking): median of the two.
        Assert.That(figures.Stages[1].MedianSecondsFromFirstMessage, Is.EqualTo((300 + 7200) / 2.0));
        Assert.That(figures.MedianSecondsToConversion, Is.EqualTo(86400));
        Assert.That(figures.Stages[0].MedianSecondsFromFirstMessage, Is.Null);
    }

    [Test]
    public async Task A_new_leads_first_message_is_recorded_before_its_conversation_list_row_exists()
    {
        // The list row is written after the webhook's acknowledgement (AcknowledgementOptions), the funnel hook before
        // it: the hook's caller knows the contact is a lead, so the stage must not wait for the row.
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.LeadWritesAsync("+393480000021", Monday);
        await data.AddMessageAsync("+393480000021", "outbound", "ai", "delivered", Monday.AddMinutes(1));
        await data.LeadWritesAsync("+393480000021", Monday.AddMinutes(2));

        Assert.That(await data.StagesAsync("+393480000021"), Is.EqualTo(new[] { "new:auto", "engaged:auto" }));
    }

    [Test]
    public async Task Writing_twice_before_any_answer_is_not_engaged_and_a_failed_answer_does_not_count_as_one()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.NewLeadAsync("+393480000011", Monday);
        await data.LeadWritesAsync("+393480000011", Monday.AddMinutes(1));
        await data.AddMessageAsync("+393480000011", "outbound", "ai", "failed", Monday.AddMinutes(2));
        await data.LeadWritesAsync("+393480000011", Monday.AddMinutes(3));
        Assert.That(await data.StagesAsync("+393480000011"), Is.EqualTo(new[] { "new:auto" }));

        await data.AddMessageAsync("+393480000011", "outbound", "consultant", "read", Monday.AddMinutes(4));
        await data.LeadWritesAsync("+393480000011", Monday.AddMinutes(5));
        await data.LeadWritesAsync("+393480000011", Monday.AddMinutes(6));
        Assert.That(await data.StagesAsync("+393480000011"), Is.EqualTo(new[] { "new:auto", "engaged:auto" }), "recorded once");
    }

    [Test]
    public async Task The_cohort_is_the_leads_whose_first_message_falls_in_the_consultants_local_days_counted_by_iso_week()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.NewLeadAsync("+393480000021", new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.Zero)); // Sunday 23:30 in Rome: before
        await data.NewLeadAsync("+393480000022", new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero)); // Monday 00:30 in Rome: W10
        await data.NewLeadAsync("+393480000023", new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero)); // W11
        await data.ReachAsync("+393480000023", LeadStage.Qualified, new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero)); // after the period: still counted
        await data.NewLeadAsync("+393480000024", new DateTimeOffset(2026, 3, 15, 22, 30, 0, TimeSpan.Zero)); // Sunday 23:30 in Rome: W11
        await data.NewLeadAsync("+393480000025", new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.Zero)); // Monday 16th in Rome: after

        var figures = await Report.GetAsync(consultant.Id, Period("2026-03-02", "2026-03-15"));

        Assert.That(figures.TimeZone, Is.EqualTo("Europe/Rome"));
        Assert.That(figures.Leads, Is.EqualTo(3));
        Assert.That(figures.Weeks, Is.EqualTo(new[]
        {
            new LeadFunnelWeek("2026-W10", new DateOnly(2026, 3, 2), 1, 0, 0, 0, 0),
            new LeadFunnelWeek("2026-W11", new DateOnly(2026, 3, 9), 2, 1, 1, 0, 0),
        }));

        var midWeek = await Report.GetAsync(consultant.Id, Period("2026-03-04", "2026-03-10"));
        Assert.That(midWeek.Weeks.Select(w => (w.Week, w.New)), Is.EqualTo(new[] { ("2026-W10", 0), ("2026-W11", 1) }),
            "every week the period touches, each with its days inside the period only");
    }

    [Test]
    public async Task Another_consultants_leads_never_appear_and_the_simulators_only_when_asked_for()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var mine = new LeadFunnelData(Host, consultant.Id);
        var theirs = new LeadFunnelData(Host, other.Id);
        await mine.NewLeadAsync("+393480000031", Monday);
        await mine.NewLeadAsync("sim:+393480000032", Monday);
        await theirs.NewLeadAsync("+393480000031", Monday);
        await theirs.ReachAsync("+393480000031", LeadStage.Converted, Monday.AddHours(1));

        var figures = await Report.GetAsync(consultant.Id, Period("2026-03-02", "2026-03-02"));
        Assert.That((figures.Leads, figures.Stages[^1].Count, figures.IncludesSimulator), Is.EqualTo((1, 0, false)));
        Assert.That((await Report.GetAsync(consultant.Id, Period("2026-03-02", "2026-03-02"), includeSimulator: true)).Leads, Is.EqualTo(2));
        Assert.That(await mine.StagesAsync("+393480000031"), Is.EqualTo(new[] { "new:auto" }), "the other consultant's conversion is theirs");
        Assert.That((await Report.GetAsync(other.Id, Period("2026-03-02", "2026-03-02"))).Stages[^1].Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_contact_who_never_was_a_lead_gets_no_stage()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        await data.AddConversationAsync("+393480000041", isLead: false);
        await data.AddMessageAsync("+393480000041", "inbound", "client", "received", Monday);

        var funnel = Host.Services.GetRequiredService<LeadFunnel>();
        Assert.That(await funnel.MarkBookedAsync(consultant.Id, "+393480000041", LeadStageSource.Booking), Is.False);
        Assert.That(await data.StagesAsync("+393480000041"), Is.Empty);
    }

    [Test]
    public async Task The_migration_records_what_existing_conversations_already_tell_once()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        // Written before the funnel existed: rows only, no stage recorded.
        await data.AddConversationAsync("+393480000051");
        await data.AddMessageAsync("+393480000051", "inbound", "lead", "received", Monday);
        await data.AddMessageAsync("+393480000051", "outbound", "ai", "delivered", Monday.AddMinutes(1));
        await data.AddMessageAsync("+393480000051", "inbound", "lead", "received", Monday.AddMinutes(7));
        await data.AddConversationAsync("+393480000052", isLead: false, convertedAt: Monday.AddDays(1));
        await data.AddMessageAsync("+393480000052", "inbound", "lead", "received", Monday.AddHours(1));
        await data.AddConversationAsync("+393480000053", isLead: false);
        await data.AddMessageAsync("+393480000053", "inbound", "client", "received", Monday);

        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "Grains", "Storage", "Migrations", "0024_lead_stage_events.sql"));
        await Db.ExecuteAsync(Host.ConnectionString, script);
        await Db.ExecuteAsync(Host.ConnectionString, script); // idempotent

        Assert.That(await data.StagesAsync("+393480000051"), Is.EqualTo(new[] { "new:auto", "engaged:auto" }));
        Assert.That(await data.StagesAsync("+393480000052"), Is.EqualTo(new[] { "new:auto", "converted:auto" }));
        Assert.That(await data.StagesAsync("+393480000053"), Is.Empty, "a client from the start was never a lead");
        var figures = await Report.GetAsync(consultant.Id, Period("2026-03-02", "2026-03-02"));
        Assert.That((figures.Leads, figures.MedianSecondsToConversion), Is.EqualTo((2, 23 * 3600.0)));
    }

    private static AnalyticsPeriod Period(string from, string to) => AnalyticsPeriod.Parse(from, to).Value!;
}
