using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Follow-ups page in English: the six rules, switched on and saved; a placeholder the rule does not know shown
/// at its text; the preview of what a conversation would get now (and why it would be skipped); a planned follow-up
/// in the queue and in the chat header, cancelled from each.
/// </summary>
public sealed class FollowUpsPageTests : BrowserFixture
{
    private static readonly string[] RuleNames =
    [
        "Silent lead: first nudge", "Silent lead: second nudge", "Quiet client: check-in", "After a consultation",
        "Day before a consultation", "Hour before a consultation",
    ];

    [Test]
    public async Task The_rules_are_shown_in_order_saved_and_a_placeholder_the_rule_does_not_know_is_shown_at_its_text()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Rules Consultant", autoResponse: false);
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GetByTestId("followups-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Follow-ups", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rule-name")).ToHaveTextAsync(RuleNames);
        await Assertions.Expect(page.GetByTestId("followup-queue-empty")).ToHaveTextAsync("No follow-ups planned: switch on a rule above.");

        var first = Rule(page, "lead_24h");
        await Assertions.Expect(Field(first, "rule-delay")).ToHaveValueAsync("23");
        await Assertions.Expect(first.GetByTestId("rule-placeholder")).ToHaveTextAsync(["{name}"]);
        await Assertions.Expect(Rule(page, "before_1h").GetByTestId("rule-placeholder")).ToHaveTextAsync(["{name}", "{date}", "{time}", "{link}"]);

        // A placeholder the rule does not know: refused, and said at that language's text.
        await first.GetByText("Off", new() { Exact = true }).ClickAsync();
        await Field(first, "rule-text-en").FillAsync("Hi {nome}, anything else?");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("error-lead_24h.texts.en")).ToHaveTextAsync("Unknown placeholder {nome}: use {name}.");
        await ScreenshotAsync(page, "followups-placeholder-error");

        await Field(first, "rule-text-en").FillAsync("Hi {name}, still there?");
        await Field(first, "rule-delay").FillAsync("20");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").GetByText("Rules saved.")).ToBeVisibleAsync();
        await Assertions.Expect(first.GetByTestId("error-lead_24h.texts.en")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        first = Rule(page, "lead_24h");
        await Assertions.Expect(Field(first, "rule-text-en")).ToHaveValueAsync("Hi {name}, still there?");
        await Assertions.Expect(Field(first, "rule-delay")).ToHaveValueAsync("20");
        await Assertions.Expect(first.GetByText("On", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Rule(page, "lead_48h").GetByText("Off", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Test]
    public async Task On_a_phone_the_rule_cards_fit_the_screen()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Phone Consultant", autoResponse: false);
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");

        var card = Rule(page, "lead_24h");
        await Assertions.Expect(card).ToBeVisibleAsync();
        var box = await card.BoundingBoxAsync();
        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(390), "the first rule card ends inside a 390 px screen");
        await ScreenshotAsync(page, "followups-phone");
    }

    [Test]
    public async Task The_preview_shows_the_message_a_conversation_would_get_now_or_why_it_would_be_skipped()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Preview Consultant", autoResponse: false);
        const string phone = "+14155550181";
        await tenant.WebhookAsync(Host, phone, "Hello, how much is a consultation?", profileName: "Luca Lead");
        await tenant.AnswerAsync(Host, phone);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var first = Rule(page, "lead_24h");
        await Assertions.Expect(first.GetByTestId("rule-preview")).ToBeDisabledAsync();
        await page.GetByTestId("preview-conversation").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Luca Lead", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("rule-preview")).ToBeEnabledAsync(); // the pick reached the server

        // As edited, not saved: the text with the contact's first name.
        foreach (var language in new[] { "it", "en", "es", "fr" })
        {
            await Field(first, "rule-text-" + language).FillAsync("Hey {name}, a question?");
        }

        await first.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(first.GetByTestId("rule-preview-text")).ToHaveTextAsync("Hey Luca, a question?");

        // The window closed: the second nudge without a template would be skipped, with one it goes as the template.
        await Db.ExecuteAsync(Host.ConnectionString, $"UPDATE conversations SET last_inbound_at = now() - interval '30 hours' WHERE id = '{conversationId}'");
        var second = Rule(page, "lead_48h");
        await second.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(second.GetByTestId("rule-preview-skip"))
            .ToHaveTextAsync("Now it would be skipped: the 24-hour window is closed and the rule has no template.");
        await Assertions.Expect(second.GetByTestId("rule-preview-caption")).ToHaveTextAsync("If it went now, the contact would get (in English):");
        await Assertions.Expect(second.GetByTestId("rule-preview-text")).ToHaveTextAsync("Hi Luca, do you have any questions about our services?");

        await Field(second, "rule-template-sid").FillAsync("HX" + new string('a', 32));
        await second.GetByTestId("rule-template-add-variable").ClickAsync();
        await Field(second, "rule-template-variable-1").FillAsync("{name}");
        await second.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(second.GetByTestId("rule-preview-result")).ToContainTextAsync("If it went now, it would go as the template HX" + new string('a', 32));
        await Assertions.Expect(second.GetByTestId("rule-preview-result")).ToContainTextAsync("{{1}} Luca");
        await ScreenshotAsync(page, "followups-preview");
    }

    [Test]
    public async Task A_planned_follow_up_shows_in_the_queue_and_the_chat_header_and_cancel_removes_it_from_each()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Queue Consultant", autoResponse: false);
        const string anna = "+14155550191";
        const string marco = "+14155550192";
        await tenant.WebhookAsync(Host, anna, "Hi, I'd like to know more", profileName: "Anna Silent");
        await tenant.WebhookAsync(Host, marco, "Hi, what are your prices?", profileName: "Marco Quiet");
        await tenant.AnswerAsync(Host, anna);
        await tenant.AnswerAsync(Host, marco);
        var annaId = await PlanAsync(tenant, anna, TimeSpan.FromHours(23));
        await PlanAsync(tenant, marco, TimeSpan.FromHours(2));

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var queue = page.GetByTestId("followup-queue");
        await Assertions.Expect(queue.GetByTestId("followup-row")).ToHaveCountAsync(2);
        await Assertions.Expect(queue.GetByTestId("followup-row").First).ToContainTextAsync("Marco Quiet"); // soonest first
        await Assertions.Expect(queue.GetByTestId("followup-row").First).ToContainTextAsync("Silent lead: first nudge");
        await Assertions.Expect(queue.GetByTestId("followup-row").First.GetByTestId("followup-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.GetByTestId("followup-history-empty")).ToBeVisibleAsync();

        // Escape closes the question and keeps the follow-up, as "Keep it" does.
        var marcoCancel = queue.GetByTestId("followup-row").Filter(new() { HasText = "Marco Quiet" }).GetByTestId("followup-cancel");
        await marcoCancel.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Marco Quiet will not get it.");
        // Pressed again if the first press came before the question took the focus (a person would press it again too).
        await Poll.UntilAsync(async () =>
            {
                await page.Keyboard.PressAsync("Escape");
                return await dialog.CountAsync();
            }, open => open == 0, TimeSpan.FromSeconds(30), "Escape to close the question");
        await Assertions.Expect(queue.GetByTestId("followup-row")).ToHaveCountAsync(2);

        // Cancelled from the queue, after the question: it moves to the history with who cancelled it.
        await marcoCancel.ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Marco Quiet will not get it.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await Assertions.Expect(queue.GetByTestId("followup-row")).ToHaveCountAsync(1);
        var history = page.GetByTestId("followup-history");
        await Assertions.Expect(history.GetByTestId("followup-row")).ToContainTextAsync("Marco Quiet");
        await Assertions.Expect(history.GetByTestId("followup-status")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(history.GetByTestId("followup-reason")).ToHaveTextAsync("Cancelled by the consultant.");
        await ScreenshotAsync(page, "followups-queue-and-history");

        // The chat header shows Anna's, and cancels it there.
        await page.GotoAsync($"/conversations/{annaId}");
        var chip = page.GetByTestId("next-followup");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up in 23 h");
        await Assertions.Expect(chip).ToContainTextAsync("Silent lead: first nudge");
        await ScreenshotAsync(page, "followups-chat-header");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await Assertions.Expect(chip).ToHaveCountAsync(0);

        await page.GotoAsync("/followups");
        await Assertions.Expect(page.GetByTestId("followup-queue-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("followup-history").GetByTestId("followup-row")).ToHaveCountAsync(2);
    }

    private static ILocator Rule(IPage page, string key) => page.Locator($"[data-testid=rule-card][data-rule={key}]");

    /// <summary>The input or text area of a field, wherever MudBlazor puts the test id.</summary>
    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>A lead nudge planned for the conversation <paramref name="dueIn"/> from now, as the engine records one.</summary>
    private async Task<Guid> PlanAsync(BrowserTenant tenant, string phone, TimeSpan dueIn)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the conversation in the list");
        await Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO whatsapp_followup_reminders
                (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, status, created_at, updated_at)
            SELECT gen_random_uuid(), consultant_id, id, contact_phone, 'lead_24h', gen_random_uuid(), now(),
                   now() + interval '{(int)dueIn.TotalMinutes} minutes', 'pending', now(), now()
              FROM conversations WHERE id = '{conversationId}'
            """);
        return conversationId;
    }
}
