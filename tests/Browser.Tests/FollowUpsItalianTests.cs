using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Follow-ups page and the chat header's next follow-up in Italian: the menu entry and the rules in Italian, the
/// service's error at its text and the preview's reason translated, "Follow-up tra 23 h" in the chat.
/// </summary>
public sealed class FollowUpsItalianTests : BrowserFixture
{
    [Test]
    public async Task An_italian_consultant_reads_the_rules_the_errors_the_preview_and_the_next_follow_up_in_italian()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consulente Follow-up", autoResponse: false);
        const string phone = "+393471118181";
        await tenant.WebhookAsync(Host, phone, "Ciao, quanto costa una consulenza?", profileName: "Giulia Bianchi");
        await tenant.AnswerAsync(Host, phone, "Ciao Giulia, una consulenza costa 50 euro.");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the conversation in the list");

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GetByTestId("followups-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Follow-up", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rule-name").First).ToHaveTextAsync("Lead silenzioso: primo sollecito");
        await Assertions.Expect(page.GetByTestId("followup-queue-empty")).ToHaveTextAsync("Nessun follow-up in programma: attiva una regola qui sopra.");

        var first = page.Locator("[data-testid=rule-card][data-rule=lead_24h]");
        await Field(first, "rule-text-it").FillAsync("Ciao {nome}, ci sei?");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("error-lead_24h.texts.it")).ToHaveTextAsync("Segnaposto {nome} sconosciuto: usa {name}.");

        await Db.ExecuteAsync(Host.ConnectionString, $"UPDATE conversations SET last_inbound_at = now() - interval '30 hours' WHERE id = '{conversationId}'");
        await page.GetByTestId("preview-conversation").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Giulia Bianchi", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("rule-preview")).ToBeEnabledAsync(); // the pick reached the server
        var second = page.Locator("[data-testid=rule-card][data-rule=lead_48h]");
        await second.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(second.GetByTestId("rule-preview-skip"))
            .ToHaveTextAsync("Ora verrebbe saltato: la finestra di 24 ore è chiusa e la regola non ha un modello.");
        await ScreenshotAsync(page, "followups-italian");

        await Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO whatsapp_followup_reminders
                (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, status, created_at, updated_at)
            SELECT gen_random_uuid(), consultant_id, id, contact_phone, 'lead_24h', gen_random_uuid(), now(), now() + interval '23 hours',
                   'pending', now(), now()
              FROM conversations WHERE id = '{conversationId}'
            """);
        await page.GotoAsync($"/conversations/{conversationId}");
        var chip = page.GetByTestId("next-followup");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up tra 23 h");
        await Assertions.Expect(chip).ToContainTextAsync("Lead silenzioso: primo sollecito");
        await page.GetByRole(AriaRole.Button, new() { Name = "Annulla il follow-up" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Giulia Bianchi non lo riceverà.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annulla il follow-up" }).ClickAsync();
        await Assertions.Expect(chip).ToHaveCountAsync(0);

        await page.GotoAsync("/followups");
        await Assertions.Expect(page.GetByTestId("followup-history").GetByTestId("followup-reason")).ToHaveTextAsync("Annullato da te.");
    }

    [Test]
    public async Task On_a_phone_each_rules_preview_button_shows_its_whole_label()
    {
        using var consultant = await Host.RegisterConsultantAsync("Anteprima Telefono");
        var page = await NewPageAsync(locale: "it-IT");
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/followups");
        var buttons = page.GetByTestId("rule-preview");
        await Assertions.Expect(buttons.First).ToHaveTextAsync("Anteprima");
        foreach (var button in await buttons.AllAsync())
        {
            var cut = await button.EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
            Assert.That(cut, Is.LessThanOrEqualTo(0), "the label is not cut by the hint beside it");
        }

        await ScreenshotAsync(page, "followups-preview-button-phone");
    }

    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;
}
