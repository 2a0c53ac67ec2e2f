using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What a new consultant needs to trust the follow-ups (review 17): a rule on without the template it needs says so on
/// its card; delays and names in words that stay true ("2 hours before a consultation", "1 day"), a text that names
/// the old delay warned about; errors under the four text boxes at full width, boxes that grow; the preview picker in
/// view while the cards scroll, simulator contacts marked; the history filtered by what happened; the chat's next
/// follow-up with the contact's zone, a cancel cross that says what it does and stays on a phone's screen; the queue
/// as cards on a phone.
/// </summary>
public sealed class FollowUpsReviewTests : BrowserFixture
{
    [Test]
    public async Task A_rule_on_without_the_template_it_needs_warns_and_names_delays_and_errors_read_in_words()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Review Consultant", autoResponse: false);
        await new LedgerRows(Host.ConnectionString, tenant.Consultant.Id).ConversationAsync("sim:+393330000077", isLead: true);
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");

        // Switched on without a template, a rule that always goes after the window closed says every send is skipped.
        var second = Rule(page, "lead_48h");
        await Assertions.Expect(second.GetByTestId("rule-no-template-warning")).ToHaveCountAsync(0);
        await second.GetByText("Off", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("rule-no-template-warning"))
            .ToHaveTextAsync("On but without a template: every send will be skipped. Add a Content SID.");
        await Field(second, "rule-template-sid").FillAsync("HX" + new string('b', 32));
        await Field(second, "rule-template-sid").BlurAsync();
        await Assertions.Expect(second.GetByTestId("rule-no-template-warning")).ToHaveCountAsync(0);
        var first = Rule(page, "lead_24h");
        await first.GetByText("Off", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("rule-no-template-warning")).ToHaveCountAsync(0); // 23 h: still inside the window

        // The reminder's name follows its delay; a text that still says "an hour" is pointed out; 0 is refused in words.
        var beforeHour = Rule(page, "before_1h");
        await Assertions.Expect(beforeHour.GetByTestId("rule-name")).ToHaveTextAsync("Hour before a consultation");
        await beforeHour.GetByText("Off", new() { Exact = true }).ClickAsync();
        await Field(beforeHour, "rule-delay").FillAsync("2");
        await Field(beforeHour, "rule-delay").BlurAsync();
        await Assertions.Expect(beforeHour.GetByTestId("rule-name")).ToHaveTextAsync("2 hours before a consultation");
        await Assertions.Expect(beforeHour.GetByTestId("warning-before_1h.texts.en"))
            .ToHaveTextAsync("English: the text says “an hour”, but it goes 2 hours before: change the text.");
        await Field(beforeHour, "rule-delay").FillAsync("0");
        await Field(Rule(page, "after_consultation"), "rule-delay").FillAsync("1");
        await Field(Rule(page, "after_consultation"), "rule-delay").BlurAsync();
        await Assertions.Expect(Field(Rule(page, "after_consultation"), "rule-delay-unit")).ToHaveValueAsync("day");

        // A placeholder error under the Italian box goes below all four boxes, at full width, naming its language.
        await Field(first, "rule-text-it").FillAsync("Ciao {nome}!\nRiga due\nRiga tre\nRiga quattro\nRiga cinque\nRiga sei");
        var italianBox = await Field(first, "rule-text-it").BoundingBoxAsync();
        Assert.That(italianBox!.Height, Is.GreaterThan(6 * 16), "the box grows with a six-line text");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(beforeHour.GetByTestId("error-before_1h.delayMinutes")).ToHaveTextAsync("Between 15 minutes and 7 days.");
        var error = first.GetByTestId("error-lead_24h.texts.it");
        await Assertions.Expect(error).ToHaveTextAsync("Unknown placeholder {nome}: use {name}.");
        await Assertions.Expect(error.Locator("xpath=../..")).ToContainTextAsync("Italian:");
        var frenchBox = await Field(first, "rule-text-fr").BoundingBoxAsync();
        var errorBox = await error.BoundingBoxAsync();
        Assert.That(errorBox!.Y, Is.GreaterThanOrEqualTo(frenchBox!.Y + frenchBox.Height), "the error is under all four boxes");
        await ScreenshotAsync(page, "followups-review-card");

        // The picker and Save stay in view at the last card; a simulator contact is marked among real ones.
        await Rule(page, "before_1h").ScrollIntoViewIfNeededAsync();
        await page.Mouse.WheelAsync(0, 600);
        var picker = page.GetByTestId("preview-conversation");
        await Assertions.Expect(picker).ToBeInViewportAsync();
        await picker.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open").GetByText("+39 333 000 0077 (Simulator)", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_italian_consultant_reads_delays_names_warnings_and_the_preview_in_plain_italian()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consulente Revisione", autoResponse: false);
        const string phone = "+393471118199";
        await tenant.WebhookAsync(Host, phone, "Ciao, quanto costa?", profileName: "Sara Rossi");
        await tenant.AnswerAsync(Host, phone, "Ciao Sara, una consulenza costa 50 euro.");
        var conversationId = await ConversationAsync(tenant, phone);

        var page = await NewPageAsync(locale: "it-IT");
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var after = Rule(page, "after_consultation");
        await Assertions.Expect(after).ToContainTextAsync("Una lingua lasciata vuota usa il testo italiano.");
        await Field(after, "rule-delay").FillAsync("1");
        await Field(after, "rule-delay").BlurAsync();
        await Assertions.Expect(Field(after, "rule-delay-unit")).ToHaveValueAsync("giorno");

        var client = Rule(page, "client_7d");
        await client.GetByText("Spenta", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(client.GetByTestId("rule-no-template-warning"))
            .ToHaveTextAsync("Attiva ma senza modello: ogni invio verrà saltato. Aggiungi un Content SID.");

        var beforeHour = Rule(page, "before_1h");
        await Assertions.Expect(beforeHour.GetByTestId("rule-name")).ToHaveTextAsync("Un'ora prima della consulenza");
        await Field(beforeHour, "rule-delay").FillAsync("2");
        await Field(beforeHour, "rule-delay").BlurAsync();
        await Assertions.Expect(beforeHour.GetByTestId("rule-name")).ToHaveTextAsync("2 ore prima della consulenza");
        await Assertions.Expect(beforeHour.GetByTestId("warning-before_1h.texts.it"))
            .ToHaveTextAsync("Italiano: il testo dice «un'ora», ma parte 2 ore prima: cambia il testo.");
        await Field(beforeHour, "rule-delay").FillAsync("0");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(beforeHour.GetByTestId("error-before_1h.delayMinutes")).ToHaveTextAsync("Tra 15 minuti e 7 giorni.");

        // The preview shows the text, then why it would not go now, without a capital after the colon.
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}' AND last_inbound_at IS NOT NULL"),
            count => count == 1, TimeSpan.FromSeconds(30), "the contact's message recorded");
        await Db.ExecuteAsync(Host.ConnectionString, $"UPDATE conversations SET last_inbound_at = now() - interval '30 hours' WHERE id = '{conversationId}'");
        await page.GetByTestId("preview-conversation").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Sara Rossi", new() { Exact = true }).ClickAsync();
        var second = Rule(page, "lead_48h");
        await Assertions.Expect(second.GetByTestId("rule-preview")).ToBeEnabledAsync();
        await second.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(second.GetByTestId("rule-preview-caption")).ToHaveTextAsync("Se partisse ora, il contatto riceverebbe (in italiano):");
        await Assertions.Expect(second.GetByTestId("rule-preview-text")).ToHaveTextAsync("Ciao Sara, hai domande sui nostri servizi?");
        await Assertions.Expect(second.GetByTestId("rule-preview-skip"))
            .ToHaveTextAsync("Ora verrebbe saltato: la finestra di 24 ore è chiusa e la regola non ha un modello.");
        await ScreenshotAsync(page, "followups-review-italian");

        // The chat's next follow-up: the time in the contact's zone, a cancel cross that says what it does.
        await PlanAsync(conversationId, "lead_24h", "pending", TimeSpan.FromHours(20));
        await page.GotoAsync($"/conversations/{conversationId}");
        var chip = page.GetByTestId("next-followup");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up tra 20 h");
        await chip.HoverAsync();
        await Assertions.Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "(ora del contatto, Europe/Rome)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Annulla il follow-up" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_history_is_filtered_by_what_happened_and_the_chat_chip_gives_the_contacts_zone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up History Consultant", autoResponse: false);
        const string phone = "+447911123456";
        await tenant.WebhookAsync(Host, phone, "Hi, what do you offer?", profileName: "Harry Quiet");
        var conversationId = await ConversationAsync(tenant, phone);
        await PlanAsync(conversationId, "lead_24h", "sent", TimeSpan.FromHours(-30), replied: true);
        await PlanAsync(conversationId, "lead_24h", "sent", TimeSpan.FromHours(-20));
        await PlanAsync(conversationId, "lead_48h", "skipped", TimeSpan.FromHours(-10), reason: "The 24-hour window is closed and the rule has no template.");
        await PlanAsync(conversationId, "lead_24h", "cancelled", TimeSpan.FromHours(-5), reason: "The contact wrote.");
        await PlanAsync(conversationId, "lead_24h", "cancelled", TimeSpan.FromHours(-4), reason: "The contact wrote.");
        await PlanAsync(conversationId, "client_7d", "failed", TimeSpan.FromHours(-3), reason: "Not delivered (error 63016).");
        await PlanAsync(conversationId, "before_1h", "pending", TimeSpan.FromHours(3));

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var history = page.GetByTestId("followup-history");
        await Assertions.Expect(history.GetByTestId("followup-row")).ToHaveCountAsync(6);
        foreach (var (filter, count) in new[] { ("sent", 2), ("replied", 1), ("skipped", 1), ("cancelled", 2), ("failed", 1), ("history", 6) })
        {
            await history.GetByTestId("history-filter-" + filter).ClickAsync();
            await Assertions.Expect(history.GetByTestId("followup-row")).ToHaveCountAsync(count);
        }

        await history.GetByTestId("history-filter-replied").ClickAsync();
        await Assertions.Expect(history.GetByTestId("followup-row")).ToHaveCountAsync(1);
        await Assertions.Expect(history.GetByTestId("followup-status")).ToHaveTextAsync("Replied");
        await ScreenshotAsync(page, "followups-review-history-filter");

        await page.GotoAsync($"/conversations/{conversationId}");
        var chip = page.GetByTestId("next-followup");
        await Assertions.Expect(chip).ToContainTextAsync("Hour before a consultation");
        await chip.HoverAsync();
        await Assertions.Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "(contact's time, Europe/London)" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await Assertions.Expect(chip).ToHaveCountAsync(0);
    }

    [Test]
    public async Task On_a_phone_the_queue_rows_are_cards_and_the_chat_chip_keeps_its_cancel_cross_on_screen()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Phone Review Consultant", autoResponse: false);
        const string phone = "+393471118177";
        await tenant.WebhookAsync(Host, phone, "Ciao, vorrei sapere i prezzi", profileName: "Maria Antonietta Esposito Lunghissimo");
        await tenant.AnswerAsync(Host, phone, "Ciao Maria, ecco i prezzi.");
        var conversationId = await ConversationAsync(tenant, phone);
        await PlanAsync(conversationId, "lead_48h", "pending", TimeSpan.FromHours(30));

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var row = page.GetByTestId("followup-queue").GetByTestId("followup-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.ScrollIntoViewIfNeededAsync();
        foreach (var part in new[] { row.GetByTestId("followup-status"), row.GetByTestId("followup-cancel") })
        {
            var box = await part.BoundingBoxAsync();
            Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(390), "the status and cancel of a queue row are on a 390 px screen");
        }

        // Only the time's header is left above the cards: it names the time zone the times are in.
        await Assertions.Expect(page.GetByTestId("followup-queue").Locator("thead th").First).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("followup-queue").GetByTestId("followup-when-header")).ToHaveTextAsync("Due (your time zone, Europe/Rome)");
        await ScreenshotAsync(page, "followups-review-phone-queue");

        await page.GotoAsync($"/conversations/{conversationId}");
        var cancel = page.GetByTestId("next-followup-cancel");
        await Assertions.Expect(cancel).ToBeVisibleAsync();
        var cross = await cancel.BoundingBoxAsync();
        Assert.That(cross!.X + cross.Width, Is.LessThanOrEqualTo(390), "the chip's cancel cross is on a 390 px screen");
        var header = await page.GetByTestId("chat-header").BoundingBoxAsync();
        Assert.That(header!.X, Is.GreaterThanOrEqualTo(0), "the chat header is not pushed off the screen's left edge");
        Assert.That(header.X + header.Width, Is.LessThanOrEqualTo(390), "the chip does not make the chat header wider than the screen");
        await ScreenshotAsync(page, "followups-review-phone-chip");
    }

    [Test]
    public async Task A_contact_known_only_by_number_keeps_the_number_on_one_line_in_the_queue_on_a_small_laptop_and_on_a_phone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Number Consultant", autoResponse: false);
        const string phone = "+393471118188";
        await tenant.WebhookAsync(Host, phone, "Ciao, quanto costa?", profileName: "");
        await tenant.AnswerAsync(Host, phone, "Ciao, ecco i prezzi.");
        await PlanAsync(await ConversationAsync(tenant, phone), "lead_48h", "pending", TimeSpan.FromHours(30));

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var row = page.GetByTestId("followup-queue").GetByTestId("followup-row");
        var contact = row.GetByTestId("followup-contact");
        foreach (var width in new[] { 700, 390 })
        {
            await page.SetViewportSizeAsync(width, 844);
            await Assertions.Expect(contact).ToHaveTextAsync("+39 347 111 8188");
            Assert.That(await OnOneLineAsync(contact), Is.True, $"the number is not broken at its spaces at {width} px");
            foreach (var part in new[] { contact, row.GetByTestId("followup-cancel") })
            {
                await part.ScrollIntoViewIfNeededAsync();
                var box = await part.BoundingBoxAsync();
                Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(width), $"on a {width} px screen");
            }
        }
    }

    private static ILocator Rule(IPage page, string key) => page.Locator($"[data-testid=rule-card][data-rule={key}]");

    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private async Task<Guid> ConversationAsync(BrowserTenant tenant, string phone)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the conversation in the list");
        return conversationId;
    }

    private Task PlanAsync(Guid conversationId, string rule, string status, TimeSpan dueIn, string? reason = null, bool replied = false) =>
        PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, rule, status, dueIn, reason, replied);
}
