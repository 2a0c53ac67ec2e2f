using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The chat fits the screen with the failed sends' banner shown: on a phone the messages are in view when a chat opens
/// (the banner one line, the contact's pickers behind Details), and only they scroll, the reply box always in view; on a laptop the reply box is inside the window; the
/// simulator brings its "the assistant did not answer" warning into view like a new message.
/// </summary>
public sealed class ChatFitsScreenTests : BrowserFixture
{
    [TestCase(null, "Why and what to do")]
    [TestCase("it-IT", "Perché e cosa fare")]
    public async Task On_a_phone_a_chat_opens_on_its_last_message_with_the_failed_banner_shown(string? locale, string why)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Phone Chat Fit " + (locale ?? "en"), autoResponse: false);
        var phone = "+39347125" + Random.Shared.Next(1000, 9999);
        foreach (var text in new[] { "Ciao", "Vorrei un appuntamento", "Anche la prossima settimana va bene" })
        {
            await tenant.WebhookAsync(Host, phone, text, profileName: "Laura Nuova");
        }
        await FailedSendAsync(tenant, phone);

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}");
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Laura Nuova");
        await Assertions.Expect(page.GetByTestId("failed-toggle")).ToHaveTextAsync(why);
        var last = page.GetByTestId("chat-messages").Locator(".bubble").Last;
        await Assertions.Expect(last).ToContainTextAsync("Are you there?");
        await Assertions.Expect(last).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.That(await page.EvaluateAsync<double>("window.scrollY"), Is.Zero, "seen without scrolling the page");
        await ScreenshotAsync(page, "chat-phone-fits-" + (locale ?? "en"));

        // The contact's language, time zone and stage are one tap away, behind Details.
        var pickers = page.GetByTestId("chat-header-pickers");
        await Assertions.Expect(pickers).Not.ToBeVisibleAsync();
        await page.GetByTestId("toggle-details").ClickAsync();
        await Assertions.Expect(pickers).ToBeVisibleAsync();
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task On_a_phone_the_page_does_not_scroll_only_the_messages_do_and_the_reply_box_stays_in_view(string? locale)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Phone Chat Scroll " + (locale ?? "en"), autoResponse: false);
        var phone = "+39347127" + Random.Shared.Next(1000, 9999);
        await tenant.WebhookAsync(Host, phone, "Ciao, vorrei sapere come funzionano le consulenze", profileName: "Paola Lunga");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        // More messages than the phone's screen holds.
        for (var i = 1; i <= 12; i++)
        {
            (await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/send",
                new { messageText = $"Answer {i}: a first session is an hour long, and we plan the next ones together." })).EnsureSuccessStatusCode();
        }

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        // The list with the inbox's options under it: no taller than the screen.
        await Assertions.Expect(page.GetByTestId("conversation-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("chat-options")).ToBeVisibleAsync();
        Assert.That(await PageHeightAsync(page), Is.LessThanOrEqualTo(844), "the list's page does not scroll");

        await page.GetByTestId("conversation-item").ClickAsync();
        var messages = page.GetByTestId("chat-messages");
        await Assertions.Expect(messages.GetByTestId("message")).ToHaveCountAsync(13);
        await Assertions.Expect(messages.GetByTestId("message").Last).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.GetByTestId("composer")).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.That(await PageHeightAsync(page), Is.LessThanOrEqualTo(844), "the chat's page does not scroll");
        Assert.That(await messages.EvaluateAsync<bool>("e => e.scrollHeight > e.clientHeight + 50"), Is.True, "the messages scroll in their own box");
        await ScreenshotAsync(page, "chat-phone-messages-scroll-" + (locale ?? "en"));

        // Scrolled back to the first message, the reply box is still where it was.
        await messages.EvaluateAsync("e => e.scrollTop = 0");
        await Assertions.Expect(messages.GetByTestId("message").First).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("composer")).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.That(await page.EvaluateAsync<double>("window.scrollY"), Is.Zero, "the page itself never scrolled");
    }

    [TestCase(null, "1 message could not be sent", "Hide")]
    [TestCase("it-IT", "1 messaggio non inviato", "Nascondi")]
    public async Task On_a_laptop_the_reply_box_is_inside_the_window_with_the_failed_banner_shown(string? locale, string howMany, string hide)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Laptop Chat Fit " + (locale ?? "en"), autoResponse: false);
        var phone = "+39347126" + Random.Shared.Next(1000, 9999);
        await tenant.WebhookAsync(Host, phone, "Ciao", profileName: "James Carter");
        await FailedSendAsync(tenant, phone);

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}");
        var banner = page.GetByTestId("failed-alert");
        await Assertions.Expect(banner).ToContainTextAsync(howMany);
        var composer = page.GetByTestId("composer");
        await Assertions.Expect(composer).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = await composer.BoundingBoxAsync();
        Assert.That(box!.Y + box.Height, Is.LessThanOrEqualTo(800), "the reply box's bottom edge");
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollHeight"), Is.LessThanOrEqualTo(800), "the page does not scroll");
        await ScreenshotAsync(page, "chat-laptop-fits-" + (locale ?? "en"));

        // The causes, what to do about them, on asking.
        await Assertions.Expect(banner.GetByTestId("failed-cause")).ToHaveCountAsync(0);
        await page.GetByTestId("failed-toggle").ClickAsync();
        await Assertions.Expect(banner.GetByTestId("failed-cause")).ToHaveCountAsync(1);
        await Assertions.Expect(banner.GetByTestId("failed-contact")).ToHaveTextAsync("James Carter");
        await Assertions.Expect(page.GetByTestId("failed-toggle")).ToHaveTextAsync(hide);
    }

    [TestCase(null, "Lead · Simulator")]
    [TestCase("it-IT", "Lead · Simulatore")]
    public async Task On_a_laptop_the_chat_headers_contact_line_stays_inside_its_box(string? locale, string leadInSimulator)
    {
        var (tenant, page) = await OpenSimulatedChatOnALaptopAsync("Header Line", locale, "+393123456780", "Laura Nuova");
        using var _ = tenant;
        var line = page.GetByTestId("chat-contact");
        await Assertions.Expect(line).ToContainTextAsync(leadInSimulator);
        var overflow = await line.EvaluateAsync<double>("e => e.getBoundingClientRect().right - e.closest('.chat-title').getBoundingClientRect().right");
        Assert.That(overflow, Is.LessThanOrEqualTo(0.5), "the contact line ends inside the title's box, not under the next button");
        await ScreenshotAsync(page, "chat-header-line-" + (locale ?? "en"));
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task On_a_laptop_a_lead_without_a_name_shows_their_whole_number_in_the_chat_header(string? locale)
    {
        // No name: the number is all the consultant knows of them, and it was cut to "+39 347 55…" beside the buttons.
        var (tenant, page) = await OpenSimulatedChatOnALaptopAsync("Header Number", locale, "+393475550102", profileName: null);
        using var _ = tenant;
        var title = page.GetByTestId("chat-title");
        await Assertions.Expect(title).ToHaveTextAsync("+39 347 555 0102");
        var cut = await title.EvaluateAsync<double>("e => e.scrollWidth - e.clientWidth");
        Assert.That(cut, Is.LessThanOrEqualTo(0.5), "the number is whole, not ended with \"…\"");
        await ScreenshotAsync(page, "chat-header-number-" + (locale ?? "en"));
    }

    [TestCase("en-GB")]
    [TestCase("it-IT")]
    public async Task The_simulators_no_answer_warning_is_scrolled_into_view(string locale)
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator Warning " + locale);
        var page = await NewPageAsync(locale: locale);
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        var bubbles = page.GetByTestId("simulator-messages").Locator(".bubble");
        // Enough messages to fill the phone's frame, sent before the assistant's wait ends.
        for (var i = 1; i <= 8; i++)
        {
            await input.FillAsync($"Message {i}");
            await page.GetByTestId("simulator-send").ClickAsync();
            await Assertions.Expect(bubbles).ToHaveCountAsync(i);
        }
        var problem = page.GetByTestId("simulator-problem");
        await Assertions.Expect(problem).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(problem).ToBeInViewportAsync(new() { Ratio = 1 });
        await ScreenshotAsync(page, "simulator-warning-in-view-" + locale);
    }

    private static Task<int> PageHeightAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollHeight");

    private async Task FailedSendAsync(BrowserTenant tenant, string phone)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        Twilio.FailNextSends(1, 400, 21211, $"Invalid 'To' Phone Number: {phone}");
        (await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/send", new { messageText = "Are you there?" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(
            () => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM messages WHERE consultant_id = '{tenant.Consultant.Id}' AND status = 'failed'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the send recorded as failed");
    }

    /// <summary>A consultant whose simulator chat with <paramref name="phone"/> is open on a 1366 × 800 screen.</summary>
    private async Task<(BrowserTenant Tenant, IPage Page)> OpenSimulatedChatOnALaptopAsync(
        string name, string? locale, string phone, string? profileName)
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, name + " " + (locale ?? "en"), autoResponse: false);
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "Ciao", profileName })).EnsureSuccessStatusCode();
        var simulated = ConversationKey.IdFor(tenant.Consultant.Id, ConversationKey.Simulated(phone));
        await Poll.UntilAsync(async () => (await tenant.Consultant.Http.GetAsync($"/api/whatsapp/conversations/{simulated}")).IsSuccessStatusCode,
            listed => listed, TimeSpan.FromSeconds(30), "the simulator's conversation listed");

        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{simulated}");
        return (tenant, page);
    }
}
