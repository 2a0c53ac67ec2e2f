using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What walks through the dashboard found, each in English and Italian: a cancelled scheduled broadcast (the toast of its
/// scheduling gone once it is cancelled), the failed messages' banner, the chat header's number, the conversation list's
/// nameless contacts, unsaved follow-up rules, the Guided flows page on a phone.
/// </summary>
public sealed class DashboardWalkTests : BrowserFixture
{
    private const int PhoneWidth = 390;

    [TestCase(null, "Cancel the broadcast", "was to start", "cancelled", "starts by itself", "Cancelled before it started: nobody got it.")]
    [TestCase("it-IT", "Annulla il broadcast", "doveva partire il", "annullato il", "parte da solo", "Annullato prima di partire: nessuno l'ha ricevuto.")]
    public async Task A_scheduled_broadcast_cancelled_says_so_and_offers_nothing_more(
        string? locale, string cancelButton, string wasDue, string cancelledAt, string startsByItself, string neverSent)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Cancelled Broadcast " + (locale ?? "en"), autoResponse: false);
        await tenant.WebhookAsync(Host, "+1415555" + Random.Shared.Next(1000, 9999), "Hello!", profileName: "Nina Verdi");
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", new
        {
            name = "Open day", audience = new { group = "all" }, messageText = "Open day on Saturday.", scheduledAt = DateTimeOffset.UtcNow.AddDays(2),
        });
        var id = (await created.Content.ReadFromJsonAsync<IdBody>())!.Id;
        (await tenant.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/schedule", null)).EnsureSuccessStatusCode();

        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-row").Filter(new() { HasText = "Open day" }).ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "scheduled");
        await Assertions.Expect(detail.GetByTestId("detail-times")).ToContainTextAsync(startsByItself);
        await detail.GetByTestId("broadcast-cancel").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = cancelButton }).ClickAsync();

        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "cancelled");
        var times = detail.GetByTestId("detail-times");
        await Assertions.Expect(times).ToContainTextAsync(wasDue);
        await Assertions.Expect(times).ToContainTextAsync(cancelledAt);
        await Assertions.Expect(times).Not.ToContainTextAsync(startsByItself);
        await Assertions.Expect(detail.GetByTestId("detail-never-sent")).ToHaveTextAsync(neverSent);
        // Nothing left to do: no send, schedule, pause or cancel; no recipients to filter or download (none were chosen).
        await Assertions.Expect(detail.GetByTestId("detail-actions").Locator("button")).ToHaveCountAsync(0);
        await Assertions.Expect(detail.GetByTestId("recipients-csv")).ToHaveCountAsync(0);
        await Assertions.Expect(detail.GetByTestId("report")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "broadcast-cancelled-before-start-" + (locale ?? "en"));
    }

    [TestCase(null, "Schedule for 1 contact", "Cancel the broadcast", "Broadcast cancelled.", "starts by itself")]
    [TestCase("it-IT", "Programma per 1 contatto", "Annulla il broadcast", "Broadcast annullato.", "parte da solo")]
    public async Task A_broadcast_scheduled_then_cancelled_on_the_page_says_nowhere_that_it_starts_by_itself(
        string? locale, string scheduleButton, string cancelButton, string cancelled, string startsByItself)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Scheduled Then Cancelled " + (locale ?? "en"), autoResponse: false);
        await tenant.WebhookAsync(Host, "+1415555" + Random.Shared.Next(1000, 9999), "Hello!", profileName: "Nina Verdi");
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", new
        {
            name = "Open day", audience = new { group = "all" }, messageText = "Open day on Saturday.", scheduledAt = DateTimeOffset.UtcNow.AddDays(2),
        })).EnsureSuccessStatusCode();

        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-row").Filter(new() { HasText = "Open day" }).ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        var dialog = page.GetByRole(AriaRole.Dialog);
        var toasts = page.Locator(".mud-snackbar");
        await detail.GetByTestId("broadcast-schedule-confirm").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = scheduleButton }).ClickAsync();
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "scheduled");
        await Assertions.Expect(toasts.Filter(new() { HasText = startsByItself })).ToHaveCountAsync(1);

        // Cancelled a moment later: the toast that said it starts by itself gives way to the one saying it was cancelled.
        await detail.GetByTestId("broadcast-cancel").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = cancelButton }).ClickAsync();
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "cancelled");
        await Assertions.Expect(toasts.Filter(new() { HasText = cancelled })).ToBeVisibleAsync();
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Not.Contain(startsByItself), "read at once: not waiting for the earlier toast to time out");
        await ScreenshotAsync(page, "broadcast-scheduled-then-cancelled-" + (locale ?? "en"));
    }

    [TestCase(null, "4 messages could not be sent", "Send one of your templates from the chat.", "Check the contact's number.")]
    [TestCase("it-IT", "4 messaggi non inviati", "Invia uno dei tuoi modelli dalla chat.", "Controlla il numero del contatto.")]
    public async Task The_failed_messages_banner_says_each_cause_once_with_each_contact_once(
        string? locale, string howMany, string templateFix, string numberFix)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Failed Banner " + (locale ?? "en"), autoResponse: false);
        var (anna, marco) = ("+39347123" + Random.Shared.Next(1000, 9999), "+39347124" + Random.Shared.Next(1000, 9999));
        await tenant.WebhookAsync(Host, anna, "Ciao", profileName: "Anna Rossi");
        await tenant.WebhookAsync(Host, marco, "Ciao", profileName: "Marco Bianchi");
        // Twilio's own words differ from message to message (they quote the number): the cause is the same.
        await FailedSendAsync(tenant, anna, 63016, $"Failed to send freeform message to {anna}");
        await FailedSendAsync(tenant, anna, 63016, "Outside the allowed window");
        await FailedSendAsync(tenant, marco, 63016, $"Failed to send freeform message to {marco}");
        await FailedSendAsync(tenant, marco, 21211, $"Invalid 'To' Phone Number: {marco}");

        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        var banner = page.GetByTestId("failed-alert");
        var causes = banner.GetByTestId("failed-cause");
        await banner.GetByTestId("failed-toggle").ClickAsync(); // one line until asked
        await Assertions.Expect(causes).ToHaveCountAsync(2);
        await Assertions.Expect(banner).ToContainTextAsync(howMany);
        var window = causes.Filter(new() { HasText = "63016" });
        await Assertions.Expect(window.GetByTestId("failed-contact")).ToHaveTextAsync(["Marco Bianchi", "Anna Rossi"]); // the latest failure first
        await Assertions.Expect(window).ToContainTextAsync("Anna Rossi (2)");
        await Assertions.Expect(window.GetByTestId("failed-cause-text")).ToContainTextAsync(templateFix);
        await Assertions.Expect(causes.Filter(new() { HasText = "21211" }).GetByTestId("failed-cause-text")).ToContainTextAsync(numberFix);
        await Assertions.Expect(banner.GetByTestId("failed-contact").Filter(new() { HasText = "Anna Rossi" })).ToHaveCountAsync(1);
        await Assertions.Expect(banner).Not.ToContainTextAsync("freeform");
        await Assertions.Expect(banner).Not.ToContainTextAsync(anna);
        await ScreenshotAsync(page, "failed-banner-grouped-" + (locale ?? "en"));

        await window.GetByTestId("failed-contact").Filter(new() { HasText = "Anna Rossi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Anna Rossi");
    }

    [TestCase(null, "Lead · Simulator")]
    [TestCase("it-IT", "Lead · Simulatore")]
    public async Task The_chat_header_shows_the_contacts_number_once_written_for_people(string? locale, string leadInSimulator)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Chat Header " + (locale ?? "en"), autoResponse: false);
        // A simulator contact without a name (the walk's "+393123456727" twice), and a contact with one.
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = "+393123456727", text = "Ciao" })).EnsureSuccessStatusCode();
        var simulated = ConversationKey.IdFor(tenant.Consultant.Id, ConversationKey.Simulated("+393123456727"));
        await Poll.UntilAsync(async () => (await tenant.Consultant.Http.GetAsync($"/api/whatsapp/conversations/{simulated}")).IsSuccessStatusCode,
            listed => listed, TimeSpan.FromSeconds(30), "the simulator's conversation listed");
        var named = "+39347125" + Random.Shared.Next(1000, 9999);
        await tenant.WebhookAsync(Host, named, "Buongiorno", profileName: "Sara Neri");

        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{simulated}");
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("+39 312 345 6727");
        await Assertions.Expect(page.GetByTestId("chat-contact")).ToHaveTextAsync(leadInSimulator);
        Assert.That(await page.GetByTestId("chat-header").InnerTextAsync(), Does.Not.Contain("393123456727"), "never the raw number");
        await ScreenshotAsync(page, "chat-header-number-once-" + (locale ?? "en"));

        await page.GotoAsync($"/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, named)}");
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Sara Neri");
        var formatted = $"+39 347 {named[6..9]} {named[9..]}";
        await Assertions.Expect(page.GetByTestId("chat-contact")).ToHaveTextAsync($"{formatted} · Lead");
    }

    [TestCase(null, "Simulator")]
    [TestCase("it-IT", "Simulatore")]
    public async Task The_conversation_list_names_a_contact_without_a_name_by_their_number_written_for_people_once(string? locale, string simulator)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Nameless List " + (locale ?? "en"), autoResponse: false);
        // A simulator contact and a WhatsApp contact, neither with a name: the list showed "+39312…" raw (or "sim:+39…").
        var simulatedPhone = "+39312346" + Random.Shared.Next(1000, 9999);
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = simulatedPhone, text = "Ciao" })).EnsureSuccessStatusCode();
        var simulated = ConversationKey.IdFor(tenant.Consultant.Id, ConversationKey.Simulated(simulatedPhone));
        await Poll.UntilAsync(async () => (await tenant.Consultant.Http.GetAsync($"/api/whatsapp/conversations/{simulated}")).IsSuccessStatusCode,
            listed => listed, TimeSpan.FromSeconds(30), "the simulator's conversation listed");
        var phone = "+39347126" + Random.Shared.Next(1000, 9999);
        await tenant.WebhookAsync(Host, phone, "Buongiorno", profileName: "");

        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        var simulatedRow = page.Locator($"[data-testid=conversation-item][data-phone='{ConversationKey.Simulated(simulatedPhone)}']");
        var phoneRow = page.Locator($"[data-testid=conversation-item][data-phone='{phone}']");
        await Assertions.Expect(simulatedRow.GetByTestId("conversation-name")).ToHaveTextAsync(Formatted(simulatedPhone));
        await Assertions.Expect(simulatedRow).ToContainTextAsync(simulator);
        await Assertions.Expect(phoneRow.GetByTestId("conversation-name")).ToHaveTextAsync(Formatted(phone));
        foreach (var (row, raw) in new[] { (simulatedRow, simulatedPhone), (phoneRow, phone) })
        {
            var shown = await row.InnerTextAsync();
            Assert.That(shown, Does.Not.Contain("sim:").And.Not.Contain(raw[1..]), "never the internal prefix, never the raw number");
            Assert.That(shown.Split(Formatted(raw)).Length - 1, Is.EqualTo(1), "the number once");
        }

        await ScreenshotAsync(page, "conversation-list-nameless-" + (locale ?? "en"));

        // Search still finds the contact by the number as stored, and as shown.
        var search = page.Locator("input[data-testid=conversation-search], [data-testid=conversation-search] input").First;
        foreach (var typed in new[] { phone, Formatted(phone) })
        {
            await search.FillAsync(typed);
            await Assertions.Expect(page.GetByTestId("conversation-item")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("conversation-name")).ToHaveTextAsync(Formatted(phone));
        }
    }

    [TestCase(null, "Unsaved changes", "Not saved", "Leave without saving?", "Stay", "Leave without saving")]
    [TestCase("it-IT", "Modifiche non salvate", "Non salvata", "Uscire senza salvare?", "Resta", "Esci senza salvare")]
    public async Task Unsaved_follow_up_rules_are_marked_kept_across_cards_and_asked_about_before_leaving(
        string? locale, string unsaved, string cardNotSaved, string question, string stay, string leave)
    {
        using var consultant = await Host.RegisterConsultantAsync("Unsaved Rules " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/followups");
        var (first, second) = (Rule(page, "lead_24h"), Rule(page, "lead_48h"));
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rules-unsaved")).ToHaveCountAsync(0);

        // One card's text, then another card's delay: both kept, both marked, the page too.
        await Field(first, "rule-text-en").FillAsync("Hi {name}, still with us?");
        await Field(first, "rule-text-en").PressAsync("Tab");
        await Assertions.Expect(first.GetByTestId("rule-unsaved")).ToHaveTextAsync(cardNotSaved);
        await Assertions.Expect(second.GetByTestId("rule-unsaved")).ToHaveCountAsync(0);
        await Field(second, "rule-delay").FillAsync("3");
        await Field(second, "rule-delay").PressAsync("Tab");
        await Assertions.Expect(second.GetByTestId("rule-unsaved")).ToBeVisibleAsync();
        await Assertions.Expect(Field(first, "rule-text-en")).ToHaveValueAsync("Hi {name}, still with us?");
        await Assertions.Expect(page.GetByTestId("rules-unsaved")).ToHaveTextAsync(unsaved);

        // Leaving asks first; Stay keeps the page and the edits.
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await dialog.GetByRole(AriaRole.Button, new() { Name = stay, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/followups"));
        await Assertions.Expect(Field(first, "rule-text-en")).ToHaveValueAsync("Hi {name}, still with us?");
        await ScreenshotAsync(page, "followups-unsaved-" + (locale ?? "en"));

        // Leave without saving: gone, as asked.
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = leave, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/conversations");
        await page.GotoAsync("/followups");
        await Assertions.Expect(Field(Rule(page, "lead_24h"), "rule-text-en")).Not.ToHaveValueAsync("Hi {name}, still with us?");

        // Saved: no mark, and leaving asks nothing.
        await Field(Rule(page, "lead_24h"), "rule-text-en").FillAsync("Hi {name}, anything else?");
        await Field(Rule(page, "lead_24h"), "rule-text-en").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("rules-unsaved")).ToBeVisibleAsync();
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-unsaved")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("rule-unsaved")).ToHaveCountAsync(0);
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        await page.WaitForURLAsync("**/conversations");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task The_flows_page_fits_a_phone_without_scrolling_sideways(string? locale)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flows Phone " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        await Assertions.Expect(page.GetByTestId("flow-step").First).ToBeVisibleAsync();
        // With every field shown (the other languages, the ids): the widest the page gets.
        await page.GetByTestId("show-languages").ClickAsync();
        await page.GetByTestId("show-advanced").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-id").First).ToBeVisibleAsync();

        var (scrollWidth, clientWidth, widest) = await OverflowAsync(page);
        await ScreenshotAsync(page, "flows-phone-" + (locale ?? "en"));
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(clientWidth), $"no horizontal scrolling at {PhoneWidth} px; wider than the screen: {widest}");
    }

    /// <summary>An Italian mobile number (+39 3xx xxx xxxx) as people write it.</summary>
    private static string Formatted(string phone) => $"{phone[..3]} {phone[3..6]} {phone[6..9]} {phone[9..]}";

    private static ILocator Rule(IPage page, string key) => page.Locator($"[data-testid=rule-card][data-rule={key}]");

    /// <summary>The input or text area of a field, wherever MudBlazor puts the test id.</summary>
    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>A message by hand that Twilio refuses with <paramref name="code"/>, once it is recorded as failed.</summary>
    private async Task FailedSendAsync(BrowserTenant tenant, string phone, int code, string twilioText)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var before = await FailedCountAsync(tenant);
        Twilio.FailNextSends(1, 400, code, twilioText);
        (await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/send", new { messageText = "Are you there?" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => FailedCountAsync(tenant), count => count == before + 1, TimeSpan.FromSeconds(30), "the send recorded as failed");
    }

    private Task<long> FailedCountAsync(BrowserTenant tenant) =>
        Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM messages WHERE consultant_id = '{tenant.Consultant.Id}' AND status = 'failed'");

    /// <summary>The document's scroll and client widths, and the elements that end right of the screen (for the message).</summary>
    private static async Task<(int ScrollWidth, int ClientWidth, string Widest)> OverflowAsync(IPage page)
    {
        var measured = await page.EvaluateAsync<string[]>(
            """
            () => {
              const root = document.scrollingElement;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}: ${(e.innerText || '').slice(0, 40)}`);
              return [String(root.scrollWidth), String(root.clientWidth), wide.join('; ')];
            }
            """);
        return (int.Parse(measured[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(measured[1], System.Globalization.CultureInfo.InvariantCulture), measured[2]);
    }

    private sealed record IdBody(Guid Id);
}
