using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>What a new consultant tripped over on the conversations page and in the simulator (issue #12).</summary>
public sealed class ConversationsFirstUseTests : BrowserFixture
{
    [Test]
    public async Task Enter_then_a_click_sends_once_send_is_off_for_a_blank_draft_and_the_box_is_empty_after_sending()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Composer Consultant", autoResponse: false);
        const string phone = "+5511987651001";
        await tenant.AddClientAsync("Composer Carla", phone);
        await tenant.WebhookAsync(Host, phone, "Can we talk?");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Composer Carla" }).ClickAsync();
        var input = MessageInput(page);
        var send = page.GetByTestId("send-button");
        var composer = page.GetByTestId("composer");
        await Assertions.Expect(send).ToBeDisabledAsync();
        await input.FillAsync("   \n  ");
        await Assertions.Expect(send).ToBeDisabledAsync();

        // Typed fast, Enter, and at once a click on SEND. Once the send is done (aria-busy false) the box is empty and
        // SEND is off, in the browser and on the server: a click then sends nothing either.
        await input.FillAsync(string.Empty);
        await input.PressSequentiallyAsync("See you at seven");
        await input.PressAsync("Enter");
        await send.ClickAsync(new() { Force = true });
        await WaitForTwilioAsync(phone, "See you at seven");
        await Assertions.Expect(composer).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(input).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(send).ToBeDisabledAsync();
        await send.ClickAsync(new() { Force = true });

        // Two clicks in a row.
        await input.PressSequentiallyAsync("Bring water");
        await send.ClickAsync(new() { ClickCount = 2 });
        await WaitForTwilioAsync(phone, "Bring water");
        await Assertions.Expect(composer).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(input).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(send).ToBeDisabledAsync();

        // A conversation sends in order: a second copy of either would have reached Twilio before this one.
        await input.PressSequentiallyAsync("Last one");
        await input.PressAsync("Enter");
        await WaitForTwilioAsync(phone, "Last one");
        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "See you at seven", "Bring water", "Last one" }));
        await ScreenshotAsync(page, "composer-after-sending");
    }

    [Test]
    public async Task The_simulator_sends_a_message_once_on_enter_then_a_click_and_empties_the_box()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator Once");
        const string phone = "+12025550188";
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        await page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First.FillAsync(phone);
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        var send = page.GetByTestId("simulator-send");
        await input.FillAsync("   ");
        await Assertions.Expect(send).ToBeDisabledAsync();

        await input.FillAsync(string.Empty);
        await input.PressSequentiallyAsync("Hello just once");
        await input.PressAsync("Enter");
        await send.ClickAsync(new() { Force = true });
        var chat = page.GetByTestId("simulator-messages");
        await Assertions.Expect(chat).ToContainTextAsync("Hello just once");
        await Assertions.Expect(page.GetByTestId("simulator-composer")).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(input).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(send).ToBeDisabledAsync();
        await send.ClickAsync(new() { Force = true });

        await input.PressSequentiallyAsync("And a second message");
        await input.PressAsync("Enter");
        await Assertions.Expect(chat).ToContainTextAsync("And a second message");
        var id = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(phone));
        var stored = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        var inbound = stored.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("direction").GetString() == "inbound")
            .Select(m => m.GetProperty("body").GetString()).Reverse();
        Assert.That(inbound, Is.EqualTo(new[] { "Hello just once", "And a second message" }));
    }

    [Test]
    public async Task The_conversation_list_fits_its_column_at_1366_and_1024_pixels_with_whole_badges_and_wide_previews()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Layout Consultant", autoResponse: false);
        var bsuid = NewBsuid();
        for (var i = 1; i <= 12; i++)
        {
            await tenant.WebhookAsync(Host, bsuid, $"Question {i}: what should I eat before the morning run, and how much water during the day?",
                profileName: "Maria Antonietta Longname de la Fuente");
        }

        await Poll.UntilAsync(() => tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations"),
            list => list.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("unreadCount").GetInt32() == 12 && c.GetProperty("needsReply").GetBoolean()),
            TimeSpan.FromSeconds(60), "twelve unread messages");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        var list = page.GetByTestId("conversation-list");
        await Assertions.Expect(list.GetByTestId("unread-badge")).ToHaveTextAsync("12");
        foreach (var width in new[] { 1366, 1024 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var fit = await list.EvaluateAsync<double[]>(
                """
                list => {
                  const column = list.closest('.chat-list');
                  const box = list.getBoundingClientRect();
                  const badge = list.querySelector('[data-testid=unread-badge]').getBoundingClientRect();
                  const preview = list.querySelector('[data-testid=conversation-preview]');
                  return [list.scrollWidth, list.clientWidth, column.scrollWidth, column.clientWidth,
                          badge.left - box.left, box.left + list.clientWidth - badge.right, badge.width,
                          preview.getBoundingClientRect().width, preview.scrollWidth];
                }
                """);
            var (listScroll, listClient, columnScroll, columnClient) = (fit[0], fit[1], fit[2], fit[3]);
            var (badgeFromLeft, badgeFromRight, badgeWidth, previewWidth, previewText) = (fit[4], fit[5], fit[6], fit[7], fit[8]);
            Assert.Multiple(() =>
            {
                Assert.That(listScroll, Is.LessThanOrEqualTo(listClient), $"{width} px: no horizontal scrolling in the list");
                Assert.That(columnScroll, Is.LessThanOrEqualTo(columnClient), $"{width} px: nothing wider than the column");
                Assert.That(badgeFromLeft, Is.GreaterThanOrEqualTo(0), $"{width} px: badge inside the list on the left");
                Assert.That(badgeFromRight, Is.GreaterThanOrEqualTo(0), $"{width} px: badge inside the list on the right");
                Assert.That(badgeWidth, Is.GreaterThan(10), $"{width} px: the badge is drawn whole");
                Assert.That(previewWidth, Is.GreaterThan(listClient * 0.6), $"{width} px: the preview takes the width there is");
                Assert.That(previewText, Is.GreaterThan(previewWidth), $"{width} px: a long preview ends with an ellipsis at the edge");
            });
            await ScreenshotAsync(page, $"conversation-list-{width}");
        }
    }

    [Test]
    public async Task The_failed_sends_banner_names_the_contact_instead_of_their_whatsapp_user_id()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Banner Consultant", autoResponse: false);
        var bsuid = NewBsuid();
        await tenant.WebhookAsync(Host, bsuid, "Hi, I only have a username", profileName: "Giulia Username");
        var id = ConversationKey.IdFor(tenant.Consultant.Id, bsuid);
        await Poll.UntilAsync(async () => (await tenant.Consultant.Http.GetAsync($"/api/whatsapp/conversations/{id}")).IsSuccessStatusCode,
            listed => listed, TimeSpan.FromSeconds(60), "the conversation in the list");
        Twilio.FailNextSends(1, 400, 21610, "Attempt to send to unsubscribed recipient");
        (await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Welcome!" })).EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        var banner = page.GetByTestId("failed-alert");
        await banner.GetByTestId("failed-toggle").ClickAsync(); // the contacts are named with the causes, on asking
        await Assertions.Expect(banner).ToContainTextAsync("Giulia Username");
        await Assertions.Expect(banner).Not.ToContainTextAsync(bsuid);
    }

    private static string NewBsuid() =>
        "US." + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ILocator MessageInput(IPage page) =>
        page.Locator("[data-testid=message-input] textarea, textarea[data-testid=message-input], [data-testid=message-input] input, input[data-testid=message-input]").First;

    private IReadOnlyList<FakeTwilioMessage> SentTo(string phone) => Twilio.Sent.Where(m => m.To == "whatsapp:" + phone).ToList();

    private Task WaitForTwilioAsync(string phone, string body) =>
        Poll.UntilAsync(() => Task.FromResult(SentTo(phone).Any(m => m.Body == body)), sent => sent, TimeSpan.FromSeconds(60), $"\"{body}\" at Twilio");
}
