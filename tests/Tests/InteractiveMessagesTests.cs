using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consultant.Tests;

/// <summary>
/// Questions with buttons and lists (for guided flows): created once per consultant and Twilio account through the
/// Content API emulated in Twilio's wire format, sent by Content SID, numbered text where they cannot be used; taps
/// kept with their payload, typed answers matched to the option.
/// </summary>
public sealed class InteractiveMessagesTests : PipelineFixture
{
    private readonly CapturedLogs logs = new();

    protected override CapturedLogs? Logs => logs;

    private InteractiveMessages Questions => Host.Services.GetRequiredService<InteractiveMessages>();

    private static InteractiveQuestion Question(int options, string body = "Qual è il tuo obiettivo?") => new(
        body, Enumerable.Range(1, options).Select(n => new InteractiveOption($"opt_{n}", $"Option {n}")).ToList(), ContactLanguage.Italian);

    [Test]
    public async Task A_three_option_question_is_created_once_as_quick_reply_and_sent_by_its_content_sid_with_its_variables()
    {
        using var tenant = await NewTenantAsync();
        var (first, second) = (NewContactPhone(), NewContactPhone());
        var question = new InteractiveQuestion(
            "Qual è il tuo obiettivo? " + Guid.NewGuid().ToString("N")[..6],
            [new("goal_fitness", "Fitness"), new("goal_finance", "Finanza"), new("goal_other", "Altro")], ContactLanguage.Italian);

        var sent = await Questions.SendAsync(tenant.Consultant.Id, first, question, CancellationToken.None);

        Assert.That(sent.Value!.SentAs, Is.EqualTo(InteractiveFormat.QuickReply));
        var content = Twilio.Contents.Single(c => c.AccountSid == tenant.AccountSid);
        Assert.That(content.Sid, Does.Match("^HX[0-9a-f]{32}$"));
        Assert.That(content.Request["language"]!.ToString(), Is.EqualTo("it"));
        Assert.That(content.Type.Type, Is.EqualTo("twilio/quick-reply"));
        Assert.That(content.Type.Body["body"]!.ToString(), Is.EqualTo(question.Body));
        Assert.That(content.Type.Body["actions"]!.AsArray().Select(a => (a!["title"]!.ToString(), a["id"]!.ToString())),
            Is.EqualTo(new[] { ("Fitness", "goal_fitness"), ("Finanza", "goal_finance"), ("Altro", "goal_other") }));
        var message = SentTo(first).Single();
        Assert.That(message.ContentSid, Is.EqualTo(content.Sid));
        Assert.That(message.ContentVariables, Is.EqualTo("{}"));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE id = @id AND origin = 'flow' AND twilio_sid = @sid AND interactive_options->1->>'id' = 'goal_finance'",
            ("id", sent.Value.Message.Id), ("sid", message.Sid)), Is.EqualTo(1));

        // The same question again, to another contact: the cached content, nothing created.
        var again = await Questions.SendAsync(tenant.Consultant.Id, second, question, CancellationToken.None);

        Assert.That(again.Value!.SentAs, Is.EqualTo(InteractiveFormat.QuickReply));
        Assert.That(Twilio.Contents.Count(c => c.AccountSid == tenant.AccountSid), Is.EqualTo(1));
        Assert.That(SentTo(second).Single().ContentSid, Is.EqualTo(content.Sid));
    }

    [Test]
    public async Task Five_options_go_as_a_list_picker_with_the_button_in_the_contacts_language()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var question = Question(5) with { Options = [.. Question(5).Options.Select((o, i) => i == 0 ? o with { Description = "Il primo" } : o)] };

        var sent = await Questions.SendAsync(tenant.Consultant.Id, phone, question, CancellationToken.None);

        Assert.That(sent.Value!.SentAs, Is.EqualTo(InteractiveFormat.ListPicker));
        var content = Twilio.Contents.Single(c => c.AccountSid == tenant.AccountSid);
        Assert.That(content.Type.Type, Is.EqualTo("twilio/list-picker"));
        Assert.That(content.Type.Body["button"]!.ToString(), Is.EqualTo("Scegli"));
        var items = content.Type.Body["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(5));
        Assert.That((items[0]!["item"]!.ToString(), items[0]!["id"]!.ToString(), items[0]!["description"]!.ToString()),
            Is.EqualTo(("Option 1", "opt_1", "Il primo")));
        Assert.That(SentTo(phone).Single().ContentSid, Is.EqualTo(content.Sid));
    }

    [Test]
    public async Task Twelve_options_go_as_numbered_text_without_asking_the_content_api()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();

        var sent = await Questions.SendAsync(tenant.Consultant.Id, phone, Question(12), CancellationToken.None);

        Assert.That(sent.Value!.SentAs, Is.EqualTo(InteractiveFormat.NumberedText));
        Assert.That(Twilio.Contents.Where(c => c.AccountSid == tenant.AccountSid), Is.Empty);
        var message = SentTo(phone).Single();
        Assert.That(message.ContentSid, Is.Null);
        Assert.That(message.Body, Does.StartWith("Qual è il tuo obiettivo?\n\n1. Option 1\n2. Option 2\n"));
        Assert.That(message.Body, Does.Contain("12. Option 12").And.EndWith("Rispondi con il numero della tua scelta."));
    }

    [Test]
    public async Task When_the_content_api_is_down_the_question_goes_as_numbered_text_and_the_warning_holds_no_secret()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        Twilio.FailNextContents(1, 503, 20500, "Service unavailable");
        var start = logs.Entries.Count;

        var sent = await Questions.SendAsync(tenant.Consultant.Id, phone, Question(3, "Vuoi prenotare?"), CancellationToken.None);

        Assert.That(sent.Value!.SentAs, Is.EqualTo(InteractiveFormat.NumberedText));
        Assert.That(sent.Value.Problem, Is.Null);
        var message = SentTo(phone).Single();
        Assert.That((message.ContentSid, message.Body), Is.EqualTo(((string?)null,
            "Vuoi prenotare?\n\n1. Option 1\n2. Option 2\n3. Option 3\n\nRispondi con il numero della tua scelta.")));
        var warning = logs.Since(start).Single(l => l.Level >= LogLevel.Warning && l.Category.EndsWith(nameof(InteractiveContents), StringComparison.Ordinal));
        Assert.That(warning.Message, Does.Contain("twilio/quick-reply").And.Contain("20500").And.Contain(tenant.Consultant.Id.ToString()));
        Assert.That(warning.Message, Does.Not.Contain(tenant.AuthToken).And.Not.Contain("Vuoi prenotare").And.Not.Contain(phone));
    }

    [Test]
    public async Task A_question_over_the_limits_is_refused_naming_the_option_and_nothing_is_sent()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var question = new InteractiveQuestion("Obiettivo?",
            [new("a", "Fitness"), new("b", "Finanza personale e famiglia"), new("c", "Altro")], ContactLanguage.Italian);

        var refused = await Questions.SendAsync(tenant.Consultant.Id, phone, question, CancellationToken.None);

        var errors = refused.Errors.ToDictionary();
        Assert.That(errors.Keys, Is.EqualTo(new[] { "options[2].title" }));
        Assert.That(errors["options[2].title"].Single(),
            Is.EqualTo("Option 2 (\"Finanza personale e famiglia\"): the text has 28 characters; a button holds at most 20."));

        var list = Question(6) with { Options = [.. Question(6).Options.Select((o, i) => i == 3 ? o with { Title = new string('x', 25), Description = new string('d', 73) } : o)] };
        var listErrors = InteractiveQuestionRules.Validate(list).ToDictionary();
        Assert.That(listErrors.Keys, Is.EquivalentTo(new[] { "options[4].title", "options[4].description" }));
        Assert.That(listErrors["options[4].title"].Single(), Does.Contain("a list item holds at most 24"));
        Assert.That(listErrors["options[4].description"].Single(), Does.StartWith("Option 4 (").And.Contain("at most 72"));

        Assert.That(SentTo(phone), Is.Empty);
        Assert.That(Twilio.Contents.Where(c => c.AccountSid == tenant.AccountSid), Is.Empty);
    }

    [Test]
    public async Task A_tapped_button_is_stored_with_its_payload()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, phone, tenant.Number, "Finanza");
        form["ButtonText"] = "Finanza";
        form["ButtonPayload"] = "goal_finance";
        form["MessageType"] = "button";

        var response = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE consultant_id = @c AND twilio_sid = @sid AND button_payload = 'goal_finance' AND body = 'Finanza'",
            ("c", tenant.Consultant.Id), ("sid", form["MessageSid"])), Is.EqualTo(1));
        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await ListedAsync(tenant, [phone]); // until then the conversation is not found
        var messages = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        Assert.That(messages.GetProperty("items")[0].GetProperty("buttonPayload").GetString(), Is.EqualTo("goal_finance"));
    }

    [Test]
    public async Task A_simulated_tap_goes_through_the_same_intake_with_its_payload()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();

        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages",
            new { phone, text = "Fitness", buttonPayload = "goal_fitness" });

        response.EnsureSuccessStatusCode();
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((stored.GetProperty("body").GetString(), stored.GetProperty("buttonPayload").GetString()), Is.EqualTo(("Fitness", "goal_fitness")));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c AND button_payload = 'goal_fitness' AND channel = 'simulator'",
            ("c", tenant.Consultant.Id)), Is.EqualTo(1));
    }

    [Test]
    public void A_typed_answer_to_numbered_text_matches_the_option_by_number_or_text_and_a_tap_by_payload()
    {
        IReadOnlyList<InteractiveOption> options = [new("goal_fitness", "Fitness"), new("goal_finance", "Finanza"), new("yes", "Sì")];

        Assert.That(InteractiveAnswers.Match(options, null, "2")?.Id, Is.EqualTo("goal_finance"));
        Assert.That(InteractiveAnswers.Match(options, null, " 2. ")?.Id, Is.EqualTo("goal_finance"));
        Assert.That(InteractiveAnswers.Match(options, null, "finanza!")?.Id, Is.EqualTo("goal_finance"));
        Assert.That(InteractiveAnswers.Match(options, null, "si")?.Id, Is.EqualTo("yes"));
        Assert.That(InteractiveAnswers.Match(options, "goal_fitness", "Finanza")?.Id, Is.EqualTo("goal_fitness"), "the payload decides, not the text");
        Assert.That(InteractiveAnswers.Match(options, null, "4"), Is.Null);
        Assert.That(InteractiveAnswers.Match(options, null, "I want to lose weight"), Is.Null);
    }
}
