using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;
using Microsoft.Playwright;
using Npgsql;

namespace Consultant.Browser.Tests;

/// <summary>The Conversations page in Italian, in the consultant's time zone, and on a phone (issue #14).</summary>
public sealed class ConversationsLocalizedTests : BrowserFixture
{
    private const int PhoneWidth = 390;

    [Test]
    public async Task In_Italian_the_page_speaks_Italian_and_shows_times_and_dates_in_the_consultants_time_zone()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consulente a Tokyo");
        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Asia/Tokyo" })).EnsureSuccessStatusCode();
        const string phone = "+393471110001";
        await tenant.AddClientAsync("Paola Rossi", phone);
        Ai.ReplyWith("Ciao Paola, ci vediamo alle sette.");
        await tenant.WebhookAsync(Host, phone, "Buongiorno, a che ora ci vediamo?");
        await Poll.UntilAsync(() => Task.FromResult(Twilio.Sent.Count(m => m.To == "whatsapp:" + phone)), sent => sent >= 1,
            TimeSpan.FromSeconds(60), "the AI's reply at Twilio");

        // The contact's message moved to a day long past (10:00 UTC, 19:00 in Tokyo), for a date rather than "today".
        var longAgo = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
        await MoveMessageAsync(tenant.Consultant.Id, "Buongiorno, a che ora ci vediamo?", longAgo);
        var replyAt = await MessageTimeAsync(tenant, phone, "Ciao Paola, ci vediamo alle sette.");
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var replyInTokyo = TimeZoneInfo.ConvertTime(replyAt, tokyo).ToString("HH:mm", CultureInfo.InvariantCulture);

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await Assertions.Expect(Field(page, "conversation-search")).ToHaveAttributeAsync("placeholder", "Cerca per nome o numero");
        await Assertions.Expect(page.GetByTestId("conversation-filter")).ToContainTextAsync("Tutte");
        // Each filter on one line in the 340 px column (the longer Italian "Non lette" broke in two), chosen or not.
        var filters = page.GetByTestId("conversation-filter").Locator(".mud-toggle-item .mud-button-label");
        await Assertions.Expect(filters).ToHaveCountAsync(4);
        foreach (var chosen in new[] { "Non lette", "Tutte" })
        {
            await page.GetByTestId("conversation-filter").Locator(".mud-toggle-item").Filter(new() { HasText = chosen }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("conversation-filter").Locator(".mud-toggle-item-selected")).ToHaveTextAsync(chosen, new() { IgnoreCase = true });
            for (var i = 0; i < 4; i++)
            {
                Assert.That(await OnOneLineAsync(filters.Nth(i)), Is.True, $"filter {await filters.Nth(i).InnerTextAsync()} on one line, {chosen} chosen");
            }
        }

        var item = page.GetByTestId("conversation-item").Filter(new() { HasText = "Paola Rossi" });
        await Assertions.Expect(item).ToContainTextAsync("Cliente");
        await Assertions.Expect(item.GetByTestId("conversation-time")).ToHaveTextAsync(replyInTokyo);

        await item.ClickAsync();
        var chat = page.GetByTestId("chat-messages");
        var contactMessage = chat.GetByTestId("message").Filter(new() { HasText = "Buongiorno, a che ora ci vediamo?" });
        await Assertions.Expect(contactMessage.GetByTestId("message-time")).ToHaveTextAsync("19:00");
        var reply = chat.GetByTestId("message").Filter(new() { HasText = "Ciao Paola, ci vediamo alle sette." });
        await Assertions.Expect(reply.GetByTestId("message-time")).ToHaveTextAsync(replyInTokyo);
        await Assertions.Expect(reply).ToContainTextAsync("Assistente AI");
        await Assertions.Expect(chat.GetByTestId("chat-day")).ToHaveTextAsync(["15/01/2026", "Oggi"]);
        await Assertions.Expect(page.GetByText("Risponde l'AI")).ToBeVisibleAsync();
        await Assertions.Expect(MessageInput(page)).ToHaveAttributeAsync("placeholder", "Scrivi un messaggio");

        // What a live event renders speaks Italian too (events arrive on the server's threads, not the page's).
        await tenant.WebhookAsync(Host, phone, "Perfetto, grazie!");
        await Assertions.Expect(chat).ToContainTextAsync("Perfetto, grazie!");
        await Assertions.Expect(item).ToContainTextAsync("Cliente");
        await Assertions.Expect(page.GetByTestId("conversation-filter")).ToContainTextAsync("Tutte");
        await Assertions.Expect(chat.GetByTestId("chat-day")).ToHaveTextAsync(["15/01/2026", "Oggi"]);
        await Assertions.Expect(page.GetByTestId("send-button")).ToHaveTextAsync("Invia");

        // The STOP confirmation is written by the system, and says so: it is not the AI's.
        await tenant.WebhookAsync(Host, phone, "STOP");
        await Assertions.Expect(chat.GetByTestId("message-origin").Filter(new() { HasText = "Messaggio automatico" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "conversations-italian");
    }

    [Test]
    public async Task On_a_phone_the_list_and_the_chat_are_two_screens_the_chat_is_usable_and_nothing_is_wider_than_the_screen()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consultant On The Go", autoResponse: false);
        const string phone = "+393471110002";
        await tenant.WebhookAsync(Host, phone, "Hi, I saw your page: how much is a session?", profileName: "Marta Bianchi");

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        var list = page.GetByTestId("conversation-list");
        var item = page.GetByTestId("conversation-item").Filter(new() { HasText = "Marta Bianchi" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(page, "the list");

        await item.ClickAsync();
        var chat = page.GetByTestId("chat-messages");
        await Assertions.Expect(chat).ToContainTextAsync("how much is a session?");
        await Assertions.Expect(list).ToBeHiddenAsync();
        var chatBox = await chat.BoundingBoxAsync();
        Assert.That(chatBox!.Width, Is.GreaterThanOrEqualTo(PhoneWidth - 40), "the chat takes the screen's width");
        var addAsClient = page.GetByTestId("add-as-client");
        Assert.That((await addAsClient.BoundingBoxAsync())!.Height, Is.LessThan(40), "\"Add as client\" on one line");
        var input = MessageInput(page);
        Assert.That((await input.BoundingBoxAsync())!.Width, Is.GreaterThan(PhoneWidth / 2), "a message box to type in");
        await AssertFitsTheScreenAsync(page, "the open chat");

        await input.FillAsync("A session is 50 euros: shall we book one?");
        await page.GetByTestId("send-button").ClickAsync();
        await Poll.UntilAsync(() => Task.FromResult(Twilio.Sent.Any(m => m.Body == "A session is 50 euros: shall we book one?")), sent => sent,
            TimeSpan.FromSeconds(60), "the message by hand at Twilio");
        await Assertions.Expect(chat).ToContainTextAsync("shall we book one?");
        await AssertFitsTheScreenAsync(page, "the chat after sending");
        await ScreenshotAsync(page, "conversations-phone-chat");

        await page.GetByTestId("back-to-list").ClickAsync();
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(chat).ToBeHiddenAsync();
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/conversations"));
        await AssertFitsTheScreenAsync(page, "the list again");

        // A tablet keeps both side by side, without the phone's back button.
        await page.SetViewportSizeAsync(1024, 768);
        await item.ClickAsync();
        await Assertions.Expect(chat).ToBeVisibleAsync();
        await Assertions.Expect(list).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("back-to-list")).ToBeHiddenAsync();
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, string screen)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
                .slice(0, 12).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('\n')
            """);
        Assert.That(width, Is.LessThanOrEqualTo(PhoneWidth), $"{screen} is wider than the phone's screen: {wide}");
    }

    /// <summary>Moves a stored message to another time, as if it had come then.</summary>
    private async Task MoveMessageAsync(Guid consultantId, string body, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE messages SET created_at = @at WHERE consultant_id = @consultantId AND body = @body", connection);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("body", body);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    /// <summary>When a message was stored, as the API gives it (UTC).</summary>
    private static async Task<DateTimeOffset> MessageTimeAsync(BrowserTenant tenant, string phone, string body)
    {
        var conversations = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?pageSize=50");
        var id = conversations.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contactPhone").GetString() == phone).GetProperty("id").GetString();
        var messages = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        return messages.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("body").GetString() == body).GetProperty("createdAt").GetDateTimeOffset();
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;

    private static ILocator MessageInput(IPage page) =>
        page.Locator("[data-testid=message-input] textarea, textarea[data-testid=message-input], [data-testid=message-input] input, input[data-testid=message-input]").First;
}
