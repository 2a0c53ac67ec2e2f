using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Flows;
using Consultant.Grains.Replying;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// Guided flows end to end: signed webhooks (taps with their ButtonPayload), the Content API and the AI emulated in
/// their wire formats, the real host and PostgreSQL. New leads get the default onboarding flow
/// (<c>Flows:StartForNewLeads</c> on here; the other tests keep the AI answering new leads).
/// </summary>
public sealed class GuidedFlowTests : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Flows:StartForNewLeads"] = "true",
        ["WhatsApp:DebounceSeconds"] = "2", // two quick messages fall in one batch even on a busy machine
    };

    /// <summary>The contacts are leads: the shared key pool answers them when the AI does.</summary>
    [OneTimeSetUp]
    public Task AddLeadKeyAsync() => AddPoolKeyAsync("pool-key-guided-flows");

    [Test]
    public async Task A_new_lead_taps_through_the_onboarding_is_asked_again_for_a_bad_email_becomes_qualified_and_books_a_consultation()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();

        await SendAsync(tenant, lead, "Ciao, vorrei informazioni");
        var goal = await NextQuestionAsync(lead, 1);
        Assert.That(goal.Text, Is.EqualTo("Qual è il tuo obiettivo?"));
        Assert.That(goal.Options, Is.EqualTo(new[] { ("fitness", "Fitness"), ("finance", "Finanza") }));
        Assert.That(goal.Type, Is.EqualTo("twilio/quick-reply"));

        await TapAsync(tenant, lead, "Finanza", "fitness"); // the payload decides, not the text
        Assert.That((await NextQuestionAsync(lead, 2)).Text, Is.EqualTo("Raccontami di più"));

        await SendAsync(tenant, lead, "Voglio perdere 5 kg entro l'estate");
        Assert.That((await NextQuestionAsync(lead, 3)).Text, Is.EqualTo("Lasciami la tua email"));

        await SendAsync(tenant, lead, "marco at example");
        Assert.That((await NextQuestionAsync(lead, 4)).Text, Does.StartWith("Questo indirizzo email non sembra corretto"));

        await SendAsync(tenant, lead, "Marco.Rossi@Example.com");
        var book = await NextQuestionAsync(lead, 5);
        Assert.That(book.Text, Is.EqualTo("Vuoi prenotare una consulenza?"));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM lead_stage_events WHERE consultant_id = @c AND contact_phone = @p AND stage = 'qualified' AND source = 'flow'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(1), "a goal and a valid e-mail make the lead qualified");

        await TapAsync(tenant, lead, "Sì", "yes");
        var slots = await NextQuestionAsync(lead, 6);
        Assert.That(slots.Text, Is.EqualTo("Scegli un orario per la consulenza"));
        Assert.That(slots.Options, Has.Count.InRange(2, 10));
        Assert.That(slots.Options[^1], Is.EqualTo(("other", "Un altro orario")));

        await TapAsync(tenant, lead, slots.Options[0].Title, slots.Options[0].Id);
        var confirmation = (await WaitForRepliesAsync(lead, 7))[6];
        Assert.That(confirmation.ContentSid, Is.Null);
        await WaitUntilSettledAsync(tenant, lead);
        Assert.That(await CountAsync(
            "SELECT count(*) FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'scheduled'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(1), "the consultation is booked");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @p AND direction = 'outbound' AND origin = 'flow'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(6), "every flow message carries the flow origin");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE twilio_sid = @sid AND origin = 'system' AND body LIKE '%' || @time || '%'",
            ("sid", confirmation.Sid), ("time", slots.Options[0].Title[^5..])), Is.EqualTo(1),
            "the booking's confirmation, sent by the conversation after the batch (as the booking chat's)");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM booking_chat_notices WHERE consultant_id = @c AND contact_address = @p AND sent_at IS NOT NULL",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(1), "recorded with the booking, once");
        Assert.That(Ai.Requests.Where(r => r.AllText.Contains("Marco.Rossi", StringComparison.OrdinalIgnoreCase)), Is.Empty, "the flow answered, not the AI");

        var flow = await FlowOfAsync(tenant, lead);
        Assert.That(flow.GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null), "the flow ended with the booking");
        var answers = flow.GetProperty("answers");
        Assert.That((answers.GetProperty("goal").GetString(), answers.GetProperty("email").GetString(), answers.GetProperty("notes").GetString()),
            Is.EqualTo(("fitness", "marco.rossi@example.com", "Voglio perdere 5 kg entro l'estate")));
        Assert.That(answers.GetProperty("date").GetString(), Is.Not.Null);
        var summary = await SummaryAsync(tenant, lead);
        Assert.That(summary.MessageCount, Is.EqualTo(14), "seven messages in, six flow messages and the confirmation out, all counted");
    }

    [Test]
    public async Task A_spanish_lead_gets_the_questions_in_spanish()
    {
        using var tenant = await NewTenantAsync();
        var lead = "+34612" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);

        await SendAsync(tenant, lead, "Hola");

        var goal = await NextQuestionAsync(lead, 1);
        Assert.That(goal.Text, Is.EqualTo("¿Cuál es tu objetivo?"));
        Assert.That(goal.Options.Select(o => o.Title), Is.EqualTo(new[] { "Fitness", "Finanzas" }));
        Assert.That(goal.Language, Is.EqualTo("es"));
    }

    [Test]
    public async Task An_unrelated_question_mid_flow_gets_an_ai_answer_and_the_question_is_not_repeated()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        Ai.When(r => r.LastUserText.Contains("Quanto costa", StringComparison.Ordinal), "Una consulenza costa 50 euro.");

        await SendAsync(tenant, lead, "Buongiorno");
        await NextQuestionAsync(lead, 1);
        await SendAsync(tenant, lead, "Quanto costa una consulenza?");

        var answer = (await WaitForRepliesAsync(lead, 2))[1];
        Assert.That(answer.Body, Is.EqualTo("Una consulenza costa 50 euro."));
        await WaitUntilSettledAsync(tenant, lead);
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "the goal question is not asked again");
        Assert.That((await FlowOfAsync(tenant, lead)).GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null), "handed over to the AI");
    }

    [Test]
    public async Task Operatore_mid_flow_is_acknowledged_ends_the_flow_and_asks_the_consultant_even_when_the_ai_could_answer()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        Ai.When(r => r.LastUserText.Contains("operatore", StringComparison.OrdinalIgnoreCase), "Sono il consulente, dimmi pure.");

        await SendAsync(tenant, lead, "Buonasera");
        await NextQuestionAsync(lead, 1);
        await SendAsync(tenant, lead, "Operatore!");

        var answer = (await WaitForRepliesAsync(lead, 2))[1];
        Assert.That(answer.Body, Is.EqualTo("Ok, ti risponde il consulente appena possibile."));
        var settled = await WaitUntilSettledAsync(tenant, lead);
        Assert.That((settled.NeedsReply, settled.NeedsReplyReason), Is.EqualTo((true, NoReplyReasons.AskedForYou)), "the consultant is asked to reply");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "the goal question is not asked again, and the AI does not speak for the consultant");
        Assert.That(Ai.Requests.Where(r => r.LastUserText.Contains("Operatore", StringComparison.Ordinal)), Is.Empty, "the AI was not asked");
        Assert.That((await FlowOfAsync(tenant, lead)).GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null), "the flow ended");
    }

    [Test]
    public async Task After_operatore_the_ais_answer_to_the_next_message_keeps_needs_reply_until_the_consultant_writes()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        Ai.When(r => r.LastUserText.Contains("quanto dura", StringComparison.Ordinal), "Una consulenza dura un'ora.");
        await SendAsync(tenant, lead, "Buonasera");
        await NextQuestionAsync(lead, 1);
        await SendAsync(tenant, lead, "operatore");
        await WaitForRepliesAsync(lead, 2);
        await WaitUntilSettledAsync(tenant, lead);

        await SendAsync(tenant, lead, "Intanto, quanto dura una consulenza?");

        Assert.That((await WaitForRepliesAsync(lead, 3))[2].Body, Is.EqualTo("Una consulenza dura un'ora."), "the AI answers their next message");
        var answered = await WaitUntilSettledAsync(tenant, lead);
        Assert.That((answered.NeedsReply, answered.NeedsReplyReason), Is.EqualTo((true, NoReplyReasons.AskedForYou)),
            "they still wait for the consultant: the AI's answer is not the consultant's");

        var id = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var sent = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Ciao, sono il consulente." });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        Assert.That((await SummaryAsync(tenant, lead)).NeedsReply, Is.False, "the consultant wrote");
    }

    [Test]
    public async Task The_consultant_takes_needs_reply_off_without_writing_and_only_for_their_own_conversation()
    {
        using var tenant = await NewTenantAsync();
        using var other = await NewTenantAsync(autoResponse: false);
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Salve");
        await NextQuestionAsync(lead, 1);
        await SendAsync(tenant, lead, "operatore");
        await WaitForRepliesAsync(lead, 2);
        Assert.That((await WaitUntilSettledAsync(tenant, lead)).NeedsReply, Is.True);
        var id = ConversationKey.IdFor(tenant.Consultant.Id, lead);

        var foreign = await other.Consultant.Http.PatchAsync($"/api/whatsapp/conversations/{id}/clear-needs-reply", null);
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SummaryAsync(tenant, lead)).NeedsReply, Is.True, "another consultant changes nothing");

        var cleared = await tenant.Consultant.Http.PatchAsync($"/api/whatsapp/conversations/{id}/clear-needs-reply", null);
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cleared.Content.ReadAsStringAsync());
        Assert.That((await SummaryAsync(tenant, lead)).NeedsReply, Is.False);

        await SendAsync(tenant, lead, "Grazie della chiamata!");
        await WaitForRepliesAsync(lead, 3);
        Assert.That((await WaitUntilSettledAsync(tenant, lead)).NeedsReply, Is.False, "the AI's answer does not bring it back");
    }

    [Test]
    public async Task Stop_mid_flow_still_opts_out_and_ends_the_flow()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();

        await SendAsync(tenant, lead, "Salve");
        await NextQuestionAsync(lead, 1);
        await SendAsync(tenant, lead, "STOP");

        var confirmation = (await WaitForRepliesAsync(lead, 2))[1];
        await WaitUntilSettledAsync(tenant, lead);
        Assert.That(confirmation.ContentSid, Is.Null);
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE id = (SELECT id FROM messages WHERE twilio_sid = @sid) AND origin = 'system'",
            ("sid", confirmation.Sid)), Is.EqualTo(1), "the opt-out confirmation, not a flow step");
        Assert.That((await FlowOfAsync(tenant, lead)).GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Two_quick_messages_advance_the_flow_once()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Ciao");
        await NextQuestionAsync(lead, 1);

        await TapAsync(tenant, lead, "Fitness", "fitness");
        await TapAsync(tenant, lead, "Finanza", "finance");

        Assert.That((await NextQuestionAsync(lead, 2)).Text, Is.EqualTo("Raccontami di più"));
        await WaitUntilSettledAsync(tenant, lead);
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "one step for the burst");
        var flow = await FlowOfAsync(tenant, lead);
        Assert.That((flow.GetProperty("stepId").GetString(), flow.GetProperty("answers").GetProperty("goal").GetString()),
            Is.EqualTo(("notes", "finance")), "the burst's last tap is the answer");
    }

    [Test]
    public async Task A_flow_with_four_buttons_in_one_step_is_refused_at_save_naming_the_step()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var document = await tenant.Consultant.Http.GetFromJsonAsync<JsonObject>("/api/whatsapp/flows");
        var goal = document!["flows"]![0]!["steps"]![0]!;
        Assert.That(goal["id"]!.ToString(), Is.EqualTo("goal"));
        var options = goal["options"]!.AsArray();
        options.Add(new JsonObject { ["id"] = "health", ["labels"] = new JsonObject { ["it"] = "Salute" }, ["next"] = "notes" });
        options.Add(new JsonObject { ["id"] = "career", ["labels"] = new JsonObject { ["it"] = "Carriera" }, ["next"] = "notes" });

        var refused = await tenant.Consultant.Http.PutAsJsonAsync("/api/whatsapp/flows", document);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "flows[1].steps[goal].options" }));
        Assert.That(errors.GetProperty("flows[1].steps[goal].options")[0].GetString(), Does.StartWith("Step \"goal\": 4 buttons"));

        goal["display"] = "list"; // as a list, four are fine
        var saved = await tenant.Consultant.Http.PutAsJsonAsync("/api/whatsapp/flows", document);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        var stored = await tenant.Consultant.Http.GetFromJsonAsync<JsonObject>("/api/whatsapp/flows");
        Assert.That(stored!["flows"]![0]!["steps"]![0]!["options"]!.AsArray(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task A_flow_is_started_and_stopped_by_hand_and_another_consultants_conversation_is_not_found()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        using var other = await NewTenantAsync(autoResponse: false);
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Ciao");
        await WaitUntilSettledAsync(tenant, lead);
        var id = ConversationKey.IdFor(tenant.Consultant.Id, lead);

        var foreign = await other.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/flow", new { flowId = DefaultFlow.Id });
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Consultant.Http.DeleteAsync($"/api/whatsapp/conversations/{id}/flow")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(SentTo(lead), Is.Empty);

        var unknown = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/flow", new { flowId = Guid.NewGuid() });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var started = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/flow", new { flowId = DefaultFlow.Id });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK), await started.Content.ReadAsStringAsync());
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((view.GetProperty("flowName").GetString(), view.GetProperty("stepId").GetString()), Is.EqualTo(("Onboarding", "goal")));
        Assert.That(view.GetProperty("expiresAt").GetDateTimeOffset() - view.GetProperty("startedAt").GetDateTimeOffset(), Is.EqualTo(TimeSpan.FromHours(24)).Within(TimeSpan.FromMinutes(1)));
        Assert.That((await NextQuestionAsync(lead, 1)).Text, Is.EqualTo("Qual è il tuo obiettivo?"));
        var row = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}");
        Assert.That((row.GetProperty("messageCount").GetInt32(), row.GetProperty("lastMessagePreview").GetString()),
            Is.EqualTo((2, "Qual è il tuo obiettivo?")), "the question counts in the list row");

        var stopped = await tenant.Consultant.Http.DeleteAsync($"/api/whatsapp/conversations/{id}/flow");
        Assert.That(stopped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await FlowOfAsync(tenant, lead)).GetProperty("flowId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task The_flow_survives_a_silo_restart()
    {
        // Its own database and cluster: this test stops a silo and starts another.
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds,
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
            ["Flows:StartForNewLeads"] = "true",
        };
        var lead = ItalianPhone();
        WhatsAppTenant tenant;
        await using (var first = new SiloHost(connectionString, Twilio.BaseUrl, "flow-restart", settings: settings))
        {
            first.StartServer();
            tenant = await NewTenantAsync(host: first);
            await SendAsync(tenant, lead, "Ciao", host: first);
            await NextQuestionAsync(lead, 1);
            await TapAsync(tenant, lead, "Fitness", "fitness", first);
            Assert.That((await NextQuestionAsync(lead, 2)).Text, Is.EqualTo("Raccontami di più"));
            await WaitUntilSettledAsync(tenant, lead, connectionString: connectionString);
        }

        await using var second = new SiloHost(connectionString, Twilio.BaseUrl, "flow-restart", settings: settings);
        second.StartServer();
        await SendAsync(tenant, lead, "Voglio correre una maratona", host: second);

        Assert.That((await NextQuestionAsync(lead, 3)).Text, Is.EqualTo("Lasciami la tua email"), "the flow went on where it was");
        tenant.Dispose();
    }

    [Test]
    public async Task A_flow_silent_for_24_hours_has_expired_and_does_not_resume()
    {
        using var tenant = await NewTenantAsync();
        var lead = ItalianPhone();
        await SendAsync(tenant, lead, "Ciao");
        await NextQuestionAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var messageId = await Db.ScalarAsync<Guid>(ConnectionString,
            "SELECT id FROM messages WHERE consultant_id = @c AND contact_phone = @p AND direction = 'inbound'", ("c", tenant.Consultant.Id), ("p", lead));
        Ai.When(r => r.LastUserText == "Ciao", "Ciao! Come posso aiutarti?");

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var answering = ActivatorUtilities.CreateInstance<FlowAnswering>(Host.Services, (TimeProvider)time);
        var position = new FlowPosition(DefaultFlow.Id, "goal", 0, time.GetUtcNow(), time.GetUtcNow());
        var batch = new BatchToAnswer(tenant.Consultant.Id, lead, Guid.NewGuid(), true, null, false, OptOutChange.None);

        time.Advance(TimeSpan.FromHours(23));
        var inTime = await answering.AnswerAsync(batch, [messageId], position, false, CancellationToken.None, CancellationToken.None);
        Assert.That(inTime.Position, Is.Not.Null, "within 24 hours the flow still waits for its answer");
        Assert.That(inTime.Position!.Retries, Is.EqualTo(1), "\"Ciao\" is no goal: the question is asked again");

        time.Advance(TimeSpan.FromHours(25));
        var expired = await answering.AnswerAsync(batch with { BatchId = Guid.NewGuid() }, [messageId], inTime.Position, false, CancellationToken.None, CancellationToken.None);

        Assert.That(expired.Position, Is.Null, "24 hours of silence ended the flow");
        Assert.That(expired.Outcome!.SentParts.Single().Body, Is.EqualTo("Ciao! Come posso aiutarti?"), "the AI answered instead");
    }

    private sealed record SentQuestion(string Text, IReadOnlyList<(string Id, string Title)> Options, string? Type, string? Language);

    /// <summary>The <paramref name="count"/>th message to the contact, read as the contact sees it (a Content resource's body and options, or text).</summary>
    private async Task<SentQuestion> NextQuestionAsync(string phone, int count)
    {
        var message = (await WaitForRepliesAsync(phone, count))[count - 1];
        if (message.ContentSid is null)
        {
            return new SentQuestion(message.Body, [], null, null);
        }

        var content = Twilio.Contents.Single(c => c.Sid == message.ContentSid);
        var (type, body) = content.Type;
        var options = (body["actions"] ?? body["items"])!.AsArray()
            .Select(o => (o!["id"]!.ToString(), (o["title"] ?? o["item"])!.ToString()))
            .ToList();
        return new SentQuestion(body["body"]!.ToString(), options, type, content.Request["language"]?.ToString());
    }

    private Task<HttpResponseMessage> TapAsync(WhatsAppTenant tenant, string from, string text, string payload, SiloHost? host = null)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, from, tenant.Number, text);
        form["ButtonText"] = text;
        form["ButtonPayload"] = payload;
        form["MessageType"] = "button";
        return TwilioWebhook.PostAsync((host ?? Host).CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
    }

    private static async Task<JsonElement> FlowOfAsync(WhatsAppTenant tenant, string phone)
    {
        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        return await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/flow");
    }

    private static string ItalianPhone() => "+39347" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
}
