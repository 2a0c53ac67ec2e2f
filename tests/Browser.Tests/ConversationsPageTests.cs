using System.Net.Http.Json;
using Consultant.Grains.Ai;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The live conversations page and the simulator, in Chromium.</summary>
public sealed class ConversationsPageTests : BrowserFixture
{
    [Test]
    public async Task A_webhook_message_appears_live_a_manual_reply_reaches_twilio_and_ai_off_leaves_the_next_message_to_the_consultant()
    {
        var tenant = await NewTenantAsync("Live Consultant");
        const string phone = "+5511987650001";
        await AddClientAsync(tenant, "Live Lara", phone);
        await WebhookAsync(tenant, phone, "Hi coach, first message");
        await WaitForTwilioAsync(phone, 1);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Live Lara" }).ClickAsync();
        var chat = page.GetByTestId("chat-messages");
        await Assertions.Expect(chat).ToContainTextAsync("Hi coach, first message");
        await Assertions.Expect(chat).ToContainTextAsync("AI assistant");

        // Live: it appears without a reload (how fast is the bench's business, not a test's).
        await WebhookAsync(tenant, phone, "Are you there? second message");
        await Assertions.Expect(chat).ToContainTextAsync("Are you there? second message");

        await MessageInput(page).FillAsync("This is your coach, answering by hand");
        await page.GetByTestId("send-button").ClickAsync();
        await Poll.UntilAsync(() => Task.FromResult(Twilio.Sent.Any(m => m.Body == "This is your coach, answering by hand")), sent => sent,
            TimeSpan.FromSeconds(60), "the manual reply at Twilio");
        await Assertions.Expect(chat).ToContainTextAsync("You");

        await page.GetByText("AI answers").ClickAsync();
        await Assertions.Expect(page.GetByText("AI off: you answer")).ToBeVisibleAsync();
        var repliesBefore = SentTo(phone).Count;
        await WebhookAsync(tenant, phone, "third message, AI is off");
        await Assertions.Expect(chat).ToContainTextAsync("third message, AI is off");
        await Assertions.Expect(page.GetByTestId("needs-reply")).ToContainTextAsync("AI is off");
        await Assertions.Expect(page.GetByTestId("unread-badge")).ToHaveCountAsync(0); // open on screen: read as it arrives
        Assert.That(SentTo(phone), Has.Count.EqualTo(repliesBefore), "no AI reply while the AI is off");
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("third message, AI is off")), Is.False);
        await ScreenshotAsync(page, "conversations");
    }

    [Test]
    public async Task Media_show_as_a_thumbnail_and_an_audio_player_with_their_analysis_and_a_file_can_be_attached()
    {
        var tenant = await NewTenantAsync("Media Consultant");
        const string phone = "+5511987650004";
        await AddClientAsync(tenant, "Media Maria", phone);
        Ai.When(r => r.Parts("image_url").Count > 0, """{"kind":"meal","summary":"Grilled chicken with rice","details":"About 620 kcal"}""");
        Ai.When(r => r.Parts("input_audio").Count > 0, """{"transcript":"Is this portion right for me?","language":"en"}""");
        var image = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(64, 48), "image/png");
        var audio = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.OggOpus(2), "audio/ogg");
        await WebhookAsync(tenant, phone, "My lunch", (image, "image/png"), (audio, "audio/ogg"));
        await WaitForTwilioAsync(phone, 1);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Media Maria" }).ClickAsync();
        var chat = page.GetByTestId("chat-messages");
        var thumbnail = chat.GetByTestId("media-thumbnail");
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        await Poll.UntilAsync(() => thumbnail.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"), width => width == 64,
            TimeSpan.FromSeconds(60), "the thumbnail to load through the signed-in media endpoint");
        await Assertions.Expect(chat.GetByTestId("media-audio")).ToHaveCountAsync(1);
        await Assertions.Expect(chat).ToContainTextAsync("Grilled chicken with rice");
        await Assertions.Expect(chat).ToContainTextAsync("Transcript (2 s): Is this portion right for me?");

        await page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload
        {
            Name = "plan.pdf", MimeType = "application/pdf", Buffer = MediaFixtures.Pdf("Your training plan"),
        });
        await Assertions.Expect(page.GetByTestId("attachment-chip")).ToContainTextAsync("plan.pdf");
        await MessageInput(page).FillAsync("Here is your plan");
        await page.GetByTestId("send-button").ClickAsync();
        await Poll.UntilAsync(() => Task.FromResult(Twilio.Sent.Any(m => m.Body == "Here is your plan" && m.MediaUrl is not null)), sent => sent,
            TimeSpan.FromSeconds(60), "the attachment at Twilio");
        await Assertions.Expect(chat.GetByTestId("media-download")).ToContainTextAsync("plan.pdf");
        await ScreenshotAsync(page, "media");
    }

    [Test]
    public async Task Markup_in_messages_and_ai_replies_is_shown_as_text_and_never_runs()
    {
        var tenant = await NewTenantAsync("Careful Consultant");
        const string phone = "+5511987650002";
        await AddClientAsync(tenant, "Script Kiddie", phone);
        Ai.ReplyWith("<img src=x onerror=alert(3)><b>bold?</b>");
        await WebhookAsync(tenant, phone, "<script>alert(1)</script>");
        await WebhookAsync(tenant, phone, "<img src=x onerror=alert(2)>");
        await WaitForTwilioAsync(phone, 1);

        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Script Kiddie" }).ClickAsync();
        var chat = page.GetByTestId("chat-messages");
        await Assertions.Expect(chat).ToContainTextAsync("<script>alert(1)</script>");
        await Assertions.Expect(chat).ToContainTextAsync("<img src=x onerror=alert(2)>");
        await Assertions.Expect(chat).ToContainTextAsync("<img src=x onerror=alert(3)><b>bold?</b>");

        Assert.That(await chat.Locator("img, script, b").CountAsync(), Is.Zero, "no element was made from a message");
        Assert.That(dialogs, Is.Zero, "nothing ran");
    }

    [Test]
    public async Task The_simulator_chats_as_a_new_lead_and_gets_the_ai_reply_back()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulating Consultant");
        await Host.Services.GetRequiredService<AiKeyPool>().AddAsync("browser", "pool-key-browser");
        Ai.ReplyWith("Hello! I'm the coach's assistant. What are your goals?");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var phoneInput = page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First;
        await phoneInput.FillAsync("+12025550177");
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.FillAsync("Hi, I found you on Instagram");
        await page.GetByTestId("simulator-send").ClickAsync();

        var phone = page.GetByTestId("simulator-messages");
        await Assertions.Expect(phone).ToContainTextAsync("Hi, I found you on Instagram");
        await Assertions.Expect(phone).ToContainTextAsync("What are your goals?", new() { Timeout = 30_000 });
        Assert.That(Twilio.Sent.Any(m => m.To == "whatsapp:+12025550177"), Is.False, "the simulator never goes through Twilio");
        await ScreenshotAsync(page, "simulator");

        // The same conversation is on the conversations page, as any other.
        await page.GotoAsync("/conversations");
        await Assertions.Expect(page.GetByTestId("conversation-list")).ToContainTextAsync("What are your goals?");
    }

    [Test]
    public async Task A_too_long_tag_is_refused_before_it_becomes_a_chip_one_enter_adds_a_tag_and_notes_still_save()
    {
        var tenant = await NewTenantAsync("Tag Consultant");
        const string phone = "+5511987650009";
        await AddClientAsync(tenant, "Tag Tina", phone);
        await WebhookAsync(tenant, phone, "Hi, tag me");
        await WaitForTwilioAsync(phone, 1);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Tag Tina" }).ClickAsync();
        await page.GetByTestId("toggle-details").ClickAsync();
        var tags = page.GetByTestId("tags");
        var tagInput = Field(page, "new-tag");

        var tooLong = new string('x', Consultant.Grains.Inbox.ConversationService.MaxTagLength + 1);
        await tagInput.FillAsync(tooLong);
        await tagInput.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("A tag has at most")).ToBeVisibleAsync();
        await Assertions.Expect(tags).Not.ToContainTextAsync(tooLong);

        await tagInput.FillAsync("vip");
        await tagInput.PressAsync("Enter"); // once
        await Assertions.Expect(tags.Locator(".mud-chip")).ToContainTextAsync("vip");

        await Field(page, "notes").FillAsync("Prefers mornings");
        await page.GetByTestId("save-notes").ClickAsync();
        await Poll.UntilAsync(async () => (await tenant.Consultant.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/whatsapp/conversations?pageSize=50"))
                .GetProperty("items").EnumerateArray().Any(c => c.GetProperty("notes").GetString() == "Prefers mornings"),
            saved => saved, TimeSpan.FromSeconds(30), "the notes saved");
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] textarea, textarea[data-testid={testId}], [data-testid={testId}] input, input[data-testid={testId}]").First;

    private static ILocator MessageInput(IPage page) =>
        page.Locator("[data-testid=message-input] textarea, textarea[data-testid=message-input], [data-testid=message-input] input, input[data-testid=message-input]").First;

    private async Task<Tenant> NewTenantAsync(string name)
    {
        var consultant = await Host.RegisterConsultantAsync(name);
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        var number = "+1415" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Twilio.AddAccount(accountSid, authToken);
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid, authToken, whatsappNumber = number, isActive = true, autoResponseEnabled = true, aiApiKey = "consultant-key", mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        return new Tenant(consultant, accountSid, authToken, number);
    }

    private static async Task AddClientAsync(Tenant tenant, string name, string phone) =>
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/clients", new { name, phone, language = "en", goals = "Feel better" })).EnsureSuccessStatusCode();

    private async Task WebhookAsync(Tenant tenant, string from, string body, params (string Url, string ContentType)[] media)
    {
        using var http = Host.CreateClient();
        var response = await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, tenant.AuthToken,
            TwilioWebhook.InboundMediaForm(tenant.AccountSid, from, tenant.Number, body, media));
        response.EnsureSuccessStatusCode();
    }

    private IReadOnlyList<FakeTwilioMessage> SentTo(string phone) => Twilio.Sent.Where(m => m.To == "whatsapp:" + phone).ToList();

    private Task WaitForTwilioAsync(string phone, int count) =>
        Poll.UntilAsync(() => Task.FromResult(SentTo(phone).Count), n => n >= count, TimeSpan.FromSeconds(60), $"{count} message(s) to {phone}");

    private sealed record Tenant(ApiConsultant Consultant, string AccountSid, string AuthToken, string Number);
}
