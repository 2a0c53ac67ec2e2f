using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Flows;
using Consultant.Grains.Replying;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// A guided flow's messages keep the replies' guarantee: recorded under the batch before they are sent, so a batch
/// resumed after a crash sends only what Twilio has not taken, the flow advances once, and a booking step resumes with
/// the slots it offered and the booking it made. And "operatore" with no usable AI key is still acknowledged.
/// No AI key for leads in this fixture (no pool key).
/// </summary>
public sealed class FlowCrashSafetyTests : PipelineFixture
{
    private const string NotesQuestion = "Raccontami di più";

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Flows:StartForNewLeads"] = "true",
    };

    [Test]
    public async Task A_flow_question_twilio_took_just_before_the_silo_was_killed_is_not_sent_again_and_the_flow_goes_on()
    {
        // A silo in its own process, killed (SIGKILL) after Twilio took the flow's next question (its sid recorded) and
        // before the batch settled: the conversation's state still has the flow at the step before.
        var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Twilio:ApiBaseUrl"] = Twilio.BaseUrl.ToString(),
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
            ["WhatsApp:PublicBaseUrl"] = SiloHost.PublicBaseUrl,
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds,
            ["WhatsApp:PollIntervalSeconds"] = "3600",
            ["Flows:StartForNewLeads"] = "true",
            ["Storage:Root"] = Path.Combine(Path.GetTempPath(), "consultant-tests", Guid.NewGuid().ToString("N")),
        };
        var lead = ItalianPhone();
        WhatsAppTenant tenant;
        TaskCompletionSource held;
        await using (var crashing = await SiloCluster.StartAsync(database, silos: 1, settings, clusterId: "flow-kill-1"))
        {
            var silo = crashing.Silos[0];
            tenant = await ConfigureWhatsAppAsync(Twilio, await ApiConsultant.RegisterAsync(() => SiloCluster.HttpClientFor(silo)));
            using var webhooks = SiloCluster.HttpClientFor(silo);
            await PostAsync(webhooks, tenant, lead, "Ciao", null);
            await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n == 1, TimeSpan.FromSeconds(60), "the first question");
            await Poll.UntilAsync(() => ConversationSnapshot.ReadAsync(database, tenant.Consultant.Id, lead), s => s.Settled,
                TimeSpan.FromSeconds(30), "the first batch to settle");

            // A booking confirmation is owed to the lead: the next batch sends it after the flow's question, and that
            // send is held before Twilio takes it; the silo is killed there. Owed as a stopped silo leaves it (in the
            // table only, the conversation not active), so the next activation's one look at the table finds it.
            await OweBookingConfirmationAsync(database, tenant, lead);
            await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n == 2, TimeSpan.FromSeconds(30), "the booking's own confirmation");
            await using (var orleans = await crashing.ConnectClientAsync())
            {
                await orleans.Management.ForceActivationCollection(TimeSpan.Zero);
            }

            held = Twilio.HoldSendWhen((to, body) => to == "whatsapp:" + lead && body != NotesQuestion);
            await PostAsync(webhooks, tenant, lead, "Fitness", "fitness");
            await Poll.UntilAsync(() => Db.ScalarAsync<long>(database,
                    "SELECT count(*) FROM messages WHERE contact_phone = @p AND origin = 'system' AND twilio_sid IS NULL", ("p", lead)),
                n => n == 1, TimeSpan.FromSeconds(60), "the confirmation's send, after the question");
            Assert.That(SentTo(lead).Count(m => m.Body == NotesQuestion), Is.EqualTo(1), "Twilio took the question");
            await silo.KillAsync();
        }

        await using var restarted = await SiloCluster.StartAsync(database, silos: 1, settings, clusterId: "flow-kill-2");
        await using (var orleans = await restarted.ConnectClientAsync())
        {
            await orleans.Client.GetGrain<IConversationGrain>(ConversationKey.Format(tenant.Consultant.Id, lead)).WakeAsync();
        }

        await Poll.UntilAsync(async () => (await ConversationSnapshot.ReadAsync(database, tenant.Consultant.Id, lead),
                string.Join(" | ", SentTo(lead).Select(m => (m.ContentSid is null ? "" : "[content] ") + m.Body))),
            s => s.Item1.Settled && SentTo(lead).Count(m => m.Body.StartsWith("La tua consulenza è prenotata", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(90), "the resumed batch to send the confirmation and settle");
        Assert.That(SentTo(lead).Count(m => m.Body == NotesQuestion), Is.EqualTo(1), "the question Twilio had is not sent again");

        using var webhooksAfter = SiloCluster.HttpClientFor(restarted.Silos[0]);
        await PostAsync(webhooksAfter, tenant, lead, "Voglio correre una maratona", null);
        await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count(m => m.Body == "Lasciami la tua email")), n => n == 1,
            TimeSpan.FromSeconds(60), "the flow to go on from the step after the resumed one");
        Assert.That(SentTo(lead).Count(m => m.Body == NotesQuestion), Is.EqualTo(1), "the flow advanced once for the resumed batch");
        Assert.That(await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound' AND origin = 'flow' AND reply_to_batch_id IS NOT NULL",
            ("p", lead)), Is.EqualTo(3), "each flow message recorded once, under its batch, with the flow origin");
        held.TrySetResult(); // its sender is gone: nothing more reaches Twilio
        tenant.Dispose();
    }

    [Test]
    public async Task A_batch_answered_again_sends_nothing_twice_and_a_booking_step_keeps_its_slots_and_its_booking()
    {
        // The conversation's AI is switched off, so the pipeline leaves the lead's messages to this test, which answers
        // each batch twice with the flow (as a batch resumed after a crash is answered again under its own id).
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Ciao");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var off = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/ai-toggle", new { aiEnabled = false });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var yes = await InboundAsync(tenant, lead, "Sì");
        var first = await InboundAsync(tenant, lead, "1");
        var answering = ActivatorUtilities.CreateInstance<FlowAnswering>(Host.Services);
        var now = DateTimeOffset.UtcNow;

        var offering = Batch(tenant, lead);
        var atBook = new FlowPosition(DefaultFlow.Id, "book", 0, now, now);
        var offered = await answering.AnswerAsync(offering, [yes], atBook, false, CancellationToken.None, CancellationToken.None);
        var slotIds = await OfferedSlotIdsAsync(tenant, lead);
        var offeredAgain = await answering.AnswerAsync(offering, [yes], atBook, false, CancellationToken.None, CancellationToken.None);

        Assert.That((offered.Position?.StepId, offeredAgain.Position?.StepId), Is.EqualTo(("slot", "slot")));
        Assert.That(await OfferedSlotIdsAsync(tenant, lead), Is.EqualTo(slotIds).And.Not.Empty, "the slots offered (and held) are kept, not offered anew");
        Assert.That(offeredAgain.Outcome!.SentParts.Single().Id, Is.EqualTo(offered.Outcome!.SentParts.Single().Id), "the same recorded message");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "the slot list went once");

        var booking = Batch(tenant, lead);
        var atSlot = offered.Position!;
        var booked = await answering.AnswerAsync(booking, [first], atSlot, false, CancellationToken.None, CancellationToken.None);
        var bookedAgain = await answering.AnswerAsync(booking, [first], atSlot, false, CancellationToken.None, CancellationToken.None);

        Assert.That((booked.Position, bookedAgain.Position), Is.EqualTo(((FlowPosition?)null, (FlowPosition?)null)),
            "the resumed batch finds its booking: the flow ends, the slot question is not asked again");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'scheduled'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(1), "booked once");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "nothing more was sent by the flow");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE consultant_id = @c AND reply_to_batch_id = @b AND origin = 'flow' AND twilio_sid IS NOT NULL",
            ("c", tenant.Consultant.Id), ("b", offering.BatchId)), Is.EqualTo(1), "recorded under its batch, with the flow origin");
    }

    [Test]
    public async Task Operatore_mid_flow_without_a_usable_ai_key_is_acknowledged_and_asks_the_consultant_for_a_reply()
    {
        using var tenant = await NewTenantAsync(aiApiKey: null); // and no pool key: nothing could answer a lead
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Buonasera");
        await WaitForRepliesAsync(lead, 1);

        await SendAsync(tenant, lead, "operatore");

        var acknowledgement = (await WaitForRepliesAsync(lead, 2))[1];
        Assert.That(acknowledgement.Body, Is.EqualTo("Ok, ti risponde il consulente appena possibile."));
        var settled = await WaitUntilSettledAsync(tenant, lead);
        Assert.That((settled.NeedsReply, settled.NeedsReplyReason), Is.EqualTo((true, NoReplyReasons.AskedForYou)));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @sid AND origin = 'flow'", ("sid", acknowledgement.Sid)),
            Is.EqualTo(1), "the flow's acknowledgement");
        var flow = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, lead)}/flow");
        Assert.That(flow.GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null), "the flow ended");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2));
    }

    private static BatchToAnswer Batch(WhatsAppTenant tenant, string lead) =>
        new(tenant.Consultant.Id, lead, Guid.NewGuid(), true, null, false, OptOutChange.None);

    /// <summary>An inbound message stored by the pipeline (the conversation's AI is off: nothing answers it).</summary>
    private async Task<Guid> InboundAsync(WhatsAppTenant tenant, string lead, string body)
    {
        var sid = FakeTwilio.NewSid();
        Assert.That((await SendAsync(tenant, lead, body, sid)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitUntilSettledAsync(tenant, lead);
        return await Db.ScalarAsync<Guid>(ConnectionString, "SELECT id FROM messages WHERE twilio_sid = @sid", ("sid", sid));
    }

    private async Task<List<Guid>> OfferedSlotIdsAsync(WhatsAppTenant tenant, string lead)
    {
        var ids = new List<Guid>();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT id FROM booking_chat_offers WHERE consultant_id = @c AND contact_address = @p ORDER BY starts_at", connection);
        command.Parameters.AddWithValue("c", tenant.Consultant.Id);
        command.Parameters.AddWithValue("p", lead);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>A consultation the consultant booked for the lead, with a chat confirmation still owed for it.</summary>
    private static async Task OweBookingConfirmationAsync(string database, WhatsAppTenant tenant, string lead)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var bookingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Db.ScalarAsync<int>(database,
            """
            INSERT INTO booking_chat_notices (consultant_id, booking_id, sequence, kind, contact_address, batch_id, starts_at, duration_minutes, created_at)
            VALUES (@c, @b, 99, 'Booked', @p, gen_random_uuid(), '2030-12-03T10:00:00Z', 60, now()) RETURNING 1
            """,
            ("c", tenant.Consultant.Id), ("b", bookingId), ("p", lead));
    }

    private static async Task PostAsync(HttpClient silo, WhatsAppTenant tenant, string from, string body, string? payload)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, from, tenant.Number, body);
        if (payload is not null)
        {
            form["ButtonText"] = body;
            form["ButtonPayload"] = payload;
            form["MessageType"] = "button";
        }

        using var response = await TwilioWebhook.PostAsync(silo, SiloHost.WebhookUrl, tenant.AuthToken, form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static string ItalianPhone() => "+39347" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
}
